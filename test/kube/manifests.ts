// Renders k8s/ overlays with the real kustomize (the same engine as `kubectl apply -k`) and
// applies them with server-side apply, so the API server validates every object.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..');

export type Manifest = KubernetesObject & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** One of k8s/'s overlays, or `{ dir }`: a kustomization elsewhere (a test's own overlay on top of them). */
export async function renderOverlay(kustomize: string, overlay: 'dev' | 'prod' | 'base' | { dir: string }): Promise<Manifest[]> {
  const dir = typeof overlay === 'object' ? overlay.dir : path.join(repoRoot, 'k8s', overlay === 'base' ? 'base' : path.join('overlays', overlay));
  const { stdout } = await run(kustomize, ['build', dir], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** Namespaces first, so namespaced objects find theirs. */
const order = (m: Manifest): number => (m.kind === 'Namespace' ? 0 : 1);

export async function applyManifests(kc: KubeConfig, manifests: readonly Manifest[], fieldManager = 'synthflux-test'): Promise<Manifest[]> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  const applied: Manifest[] = [];
  for (const manifest of [...manifests].sort((a, b) => order(a) - order(b))) {
    applied.push(await client.patch(manifest, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply));
  }
  return applied;
}
