// The optional parts of k8s/ (k8s/components) on top of the prod overlay, in an operator's overlay
// rendered by the real kustomize: the ServiceMonitors find each Service's metrics port, and the
// Temporal client certificate and API key Secrets are mounted where the config points, so the
// worker's and the API's configs accept them.

import fs from 'node:fs';
import path from 'node:path';
import type { V1ConfigMap, V1Deployment, V1Service } from '@kubernetes/client-node';
import { makeRunDir } from '../../../services/stack/ephemeral';
import { parseSubscriptionsConfig } from '../../../services/subscriptions/config';
import { describeTemporal } from '../../../services/temporal/connection';
import { parseWorkerConfig } from '../../../services/worker/config';
import { kubeBinaries } from '../../kube/binaries';
import { kubeConfigFor, testKube } from '../../kube/client';
import { applyManifests, renderOverlay, type Manifest } from '../../kube/manifests';

const NAMESPACE = 'synthflux-components';
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const COMPONENTS = ['service-monitors', 'temporal-mtls', 'temporal-api-key'];

interface ServiceMonitor extends Manifest {
  spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] };
}

describe('k8s/components on the prod overlay', () => {
  let runDir: string;
  let manifests: Manifest[];
  const deployment = (name: string): V1Deployment => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name) as unknown as V1Deployment;

  beforeAll(async () => {
    runDir = makeRunDir('k8s-components');
    const overlayDir = path.join(runDir, 'overlay');
    fs.mkdirSync(overlayDir, { recursive: true });
    const rel = (p: string): string => path.relative(overlayDir, path.join(repoRoot, 'k8s', p));
    fs.writeFileSync(path.join(overlayDir, 'kustomization.yaml'), [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${NAMESPACE}`,
      'resources:',
      `  - ${rel('overlays/prod')}`,
      'components:',
      ...COMPONENTS.map((c) => `  - ${rel(`components/${c}`)}`),
      '',
    ].join('\n'));
    manifests = await renderOverlay(kubeBinaries().kustomize, { dir: overlayDir });
  });

  it('ServiceMonitors: one per component, each selecting its own Service and scraping its port named metrics', () => {
    const monitors = manifests.filter((m) => m.kind === 'ServiceMonitor') as ServiceMonitor[];
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(['synthflux-api', 'synthflux-solver', 'synthflux-worker']);
    const services = manifests.filter((m) => m.kind === 'Service') as unknown as V1Service[];
    for (const monitor of monitors) {
      expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(monitor.metadata.namespace).toBe(NAMESPACE);
      const selected = services.filter((s) => Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => s.metadata?.labels?.[k] === v));
      expect(selected.map((s) => s.metadata?.name)).toEqual([monitor.metadata.name]);
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
      expect(selected[0]!.spec?.ports?.map((p) => p.name)).toContain('metrics');
    }
  });

  it('mounts the Temporal Secrets read-only into the worker and the API only; their configs take the mounted files', () => {
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('synthflux-config-')) as unknown as V1ConfigMap;
    const data = config.data!;
    expect(data).toMatchObject({
      TEMPORAL_TLS_CERT: '/etc/synthflux/temporal-tls/tls.crt',
      TEMPORAL_TLS_KEY: '/etc/synthflux/temporal-tls/tls.key',
      TEMPORAL_TLS_CA: '/etc/synthflux/temporal-tls/ca.crt',
      TEMPORAL_API_KEY_FILE: '/etc/synthflux/temporal-api-key/api-key',
    });
    for (const [name, container] of [['synthflux-worker', 'worker'], ['synthflux-api', 'api']] as const) {
      const spec = deployment(name).spec!.template.spec!;
      expect(spec.securityContext?.fsGroup).toBe(1000);
      const c = spec.containers.find((x) => x.name === container)!;
      expect(c.volumeMounts).toEqual(expect.arrayContaining([
        { name: 'temporal-tls', mountPath: '/etc/synthflux/temporal-tls', readOnly: true },
        { name: 'temporal-api-key', mountPath: '/etc/synthflux/temporal-api-key', readOnly: true },
      ]));
      expect(spec.volumes).toEqual(expect.arrayContaining([
        { name: 'temporal-tls', secret: { secretName: 'synthflux-temporal-tls', defaultMode: 0o440 } },
        { name: 'temporal-api-key', secret: { secretName: 'synthflux-temporal-api-key', defaultMode: 0o440 } },
      ]));
      // The migrate init container gets the database only.
      expect(spec.initContainers?.find((x) => x.name === 'migrate')?.volumeMounts?.map((m) => m.name)).toEqual(['tmp']);
    }
    expect(deployment('synthflux-solver').spec!.template.spec!.volumes?.map((v) => v.name) ?? []).not.toContain('temporal-tls');

    // The pod's files, as the kubelet would project the Secrets (here under runDir).
    const mounted = path.join(runDir, 'etc');
    const files: Record<string, string> = { 'temporal-tls/tls.crt': 'CERT', 'temporal-tls/tls.key': 'KEY', 'temporal-tls/ca.crt': 'CA', 'temporal-api-key/api-key': 'test-api-key\n' };
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(mounted, file)), { recursive: true });
      fs.writeFileSync(path.join(mounted, file), content);
    }
    const env = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.replace(/^\/etc\/synthflux\//, `${mounted}/`)]));
    // Secret and field references resolved as the kubelet would.
    const secrets = { S3_ACCESS_KEY: 'access', S3_SECRET_KEY: 'secret-key', DATABASE_URL: 'postgresql://synthflux@db:5432/synthflux', ML_TRAINING_NAMESPACE: NAMESPACE };
    const worker = parseWorkerConfig({ ...env, ...secrets });
    expect(worker.temporal).toEqual({
      address: data.TEMPORAL_ADDRESS,
      namespace: data.TEMPORAL_NAMESPACE,
      tls: { ca: `${mounted}/temporal-tls/ca.crt`, cert: `${mounted}/temporal-tls/tls.crt`, key: `${mounted}/temporal-tls/tls.key` },
      apiKey: { file: `${mounted}/temporal-api-key/api-key` },
    });
    expect(describeTemporal(worker.temporal)).toMatch(/mTLS, API key\)$/);
    const api = parseSubscriptionsConfig({ ...env, ...secrets, SUBSCRIPTIONS_TOKENS: `ops:${'0'.repeat(64)}:read` });
    expect(api.temporal.connection).toEqual(worker.temporal);
  });

  it('applies with server-side apply, all but the ServiceMonitors (a plain API server lacks their CRD)', async () => {
    const applied = await applyManifests(kubeConfigFor(testKube()), manifests.filter((m) => m.kind !== 'ServiceMonitor'));
    expect(applied).toHaveLength(manifests.length - 3);
    for (const object of applied) expect(object.metadata?.uid).toBeTruthy();
  });
});
