// The dev overlay applied to the test API server: what the k8s integration tests start from.
// Applying is idempotent (server-side apply), so every file can do it and run alone.

import type { KubeConfig } from '@kubernetes/client-node';
import { kubeBinaries } from './binaries';
import { kubeConfigFor, serviceAccountUser, testKube, type TestKube } from './client';
import { applyManifests, renderOverlay, type Manifest } from './manifests';

export const DEV_NAMESPACE = 'synthflux-dev';

export interface DevCluster {
  kube: TestKube;
  admin: KubeConfig;
  /** The worker's service account, by impersonation: RBAC decides what it may do. */
  worker: KubeConfig;
  manifests: Manifest[];
}

export async function applyDevOverlay(): Promise<DevCluster> {
  const kube = testKube();
  const admin = kubeConfigFor(kube);
  const manifests = await renderOverlay(kubeBinaries().kustomize, 'dev');
  await applyManifests(admin, manifests);
  return { kube, admin, worker: kubeConfigFor(kube, serviceAccountUser(DEV_NAMESPACE, 'synthflux-worker')), manifests };
}
