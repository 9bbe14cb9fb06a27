// Every manifest of both overlays applies to a real kube-apiserver with server-side apply.

import { AppsV1Api, type V1ConfigMap, type V1Deployment, type V1NetworkPolicy, type V1Service } from '@kubernetes/client-node';
import { parseSubscriptionsConfig } from '../../../services/subscriptions/config';
import { parseWorkerConfig } from '../../../services/worker/config';
import { kubeBinaries } from '../../kube/binaries';
import { kubeConfigFor, testKube } from '../../kube/client';
import { applyManifests, renderOverlay, type Manifest } from '../../kube/manifests';

const find = <T>(manifests: Manifest[], kind: string, name: string): T => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} not rendered`);
  return found as unknown as T;
};

describe.each(['dev', 'prod'] as const)('the %s overlay', (overlay) => {
  let manifests: Manifest[];
  beforeAll(async () => {
    manifests = await renderOverlay(kubeBinaries().kustomize, overlay);
  });

  it('renders every component and no secret values', () => {
    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    for (const expected of [
      'Namespace', 'Deployment/synthflux-solver', 'Service/synthflux-solver', 'PodDisruptionBudget/synthflux-solver',
      'Deployment/synthflux-worker', 'Deployment/synthflux-api', 'Service/synthflux-api', 'Role/synthflux-worker',
      'RoleBinding/synthflux-worker', 'NetworkPolicy/synthflux-solver-from-workers',
    ]) {
      expect(kinds.some((k) => k === expected || k.startsWith(`${expected}/`))).toBe(true);
    }
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    expect(kinds.filter((k) => k.startsWith('ServiceAccount/')).sort()).toEqual(['ServiceAccount/synthflux-api', 'ServiceAccount/synthflux-solver', 'ServiceAccount/synthflux-worker']);
  });

  it('applies with server-side apply; the server validates and stores every object', async () => {
    const admin = kubeConfigFor(testKube());
    const applied = await applyManifests(admin, manifests);
    expect(applied).toHaveLength(manifests.length);
    for (const object of applied) expect(object.metadata?.uid).toBeTruthy();
    // Applying again changes nothing: the manifests are stable under apply.
    const again = await applyManifests(admin, manifests);
    expect(again.map((o) => o.metadata?.resourceVersion)).toEqual(applied.map((o) => o.metadata?.resourceVersion));
  });

  it('sizes the solver by its CPU request, probes gRPC health and drains on termination', () => {
    const solver = find<V1Deployment>(manifests, 'Deployment', 'synthflux-solver');
    expect(solver.spec?.replicas).toBeUndefined(); // the scaler owns it
    const pod = solver.spec!.template.spec!;
    const container = pod.containers[0]!;
    expect(container.env?.find((e) => e.name === 'SOLVER_THREADS')?.valueFrom?.resourceFieldRef?.resource).toBe('requests.cpu');
    expect(container.readinessProbe?.grpc).toEqual({ port: 50051, service: 'synthflux.solver.v1.Solver' });
    expect(container.livenessProbe?.grpc?.port).toBe(50051);
    expect(container.lifecycle?.preStop).toBeDefined();
    const livenessBudget = (container.livenessProbe!.periodSeconds ?? 10) * (container.livenessProbe!.failureThreshold ?? 3);
    expect(livenessBudget).toBeGreaterThanOrEqual(pod.terminationGracePeriodSeconds!);
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment') as unknown as V1Deployment[]) {
      const spec = deployment.spec!.template.spec!;
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      for (const c of spec.containers) expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    }
  });

  it("tells the scaler the solver pod's capacity: its CPU request", () => {
    const solver = find<V1Deployment>(manifests, 'Deployment', 'synthflux-solver');
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('synthflux-config-')) as unknown as V1ConfigMap;
    expect(config.data?.SOLVER_POD_CAPACITY).toBe(String(solver.spec!.template.spec!.containers[0]!.resources!.requests!.cpu));
  });

  it("gives the API and the worker every setting their config requires, secrets by reference", () => {
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('synthflux-config-')) as unknown as V1ConfigMap;
    // Secret references stand in for their values; the config schemas only check that they are set.
    const envOf = (name: string, container: string): Record<string, string> => {
      const spec = find<V1Deployment>(manifests, 'Deployment', name).spec!.template.spec!;
      const c = [...(spec.initContainers ?? []), ...spec.containers].find((x) => x.name === container)!;
      const fromConfig = c.envFrom?.some((e) => e.configMapRef?.name === config.metadata?.name) ? config.data ?? {} : {};
      const secretRef = (e: { valueFrom?: { secretKeyRef?: { name?: string; key: string } } }) => e.valueFrom?.secretKeyRef && `secret-${e.valueFrom.secretKeyRef.name}-${e.valueFrom.secretKeyRef.key}-${'x'.repeat(32)}`;
      return { ...fromConfig, ...Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? secretRef(e) ?? (e.valueFrom?.fieldRef ? 'synthflux' : '')])) };
    };
    const api = envOf('synthflux-api', 'api');
    expect(api).toMatchObject({ S3_ACCESS_KEY: expect.stringMatching(/^secret-synthflux-s3-access-key/), S3_SECRET_KEY: expect.stringMatching(/^secret-synthflux-s3-secret-key/) });
    // Token entries are checked for their shape: stand in a well-formed one for the Secret's value.
    expect(() => parseSubscriptionsConfig({ ...api, DATABASE_URL: 'postgresql://synthflux@db:5432/synthflux', SUBSCRIPTIONS_TOKENS: `ops:${'0'.repeat(64)}:read` })).not.toThrow();
    const worker = parseWorkerConfig({ ...envOf('synthflux-worker', 'worker'), DATABASE_URL: 'postgresql://synthflux@db:5432/synthflux' });
    expect(worker.ml).toMatchObject({ ML_TRAINING_RUNNER: 'kubernetes', ML_GAP_CHECK_RUNNER: 'kubernetes', ML_TRAINING_NAMESPACE: 'synthflux' });
    expect(worker.ml.ML_TRAINING_IMAGE).toMatch(overlay === 'dev' ? /^localhost:5000\/synthflux\/ml:dev$/ : /^registry\.example\.com\/synthflux\/ml-gpu:/);
    expect(worker.METRICS_HOST).toBe('0.0.0.0');
    // The API finds the solvers (Info limits at submit) and every worker pod (the pool view) by
    // their Services' DNS names.
    const apiConfig = parseSubscriptionsConfig({ ...api, DATABASE_URL: 'postgresql://synthflux@db:5432/synthflux', SUBSCRIPTIONS_TOKENS: `ops:${'0'.repeat(64)}:read` });
    expect(apiConfig.solverAddresses).toEqual(['synthflux-solver:50051']);
    expect(apiConfig.workerMetricsUrls).toEqual(['dns+http://synthflux-worker:9465/metrics']);
    expect(apiConfig.temporal.connection).toEqual({ address: 'temporal-frontend.temporal.svc:7233', namespace: 'default' });
    // The migrate init container gets the database URL and nothing else.
    for (const name of ['synthflux-api', 'synthflux-worker']) {
      const spec = find<V1Deployment>(manifests, 'Deployment', name).spec!.template.spec!;
      const migrate = spec.initContainers?.find((c) => c.name === 'migrate');
      // The same compiled JavaScript the image's services run (npm run build:dist).
      expect(migrate?.command).toEqual(['node', '--enable-source-maps', 'dist/services/catalog/migrate-main.js']);
      expect(migrate?.image).toBe(spec.containers[0]!.image);
      expect(migrate?.env?.map((e) => e.name)).toEqual(['DATABASE_URL']);
      expect(migrate?.envFrom).toBeUndefined();
      expect(migrate?.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    }
  });

  it('exposes every metrics port by name, with scrape annotations, and lets Prometheus and dashboard users in', () => {
    const metricsPorts: Record<string, number> = { 'synthflux-solver': 9466, 'synthflux-worker': 9465, 'synthflux-api': 9464 };
    for (const [name, port] of Object.entries(metricsPorts)) {
      const template = find<V1Deployment>(manifests, 'Deployment', name).spec!.template;
      expect(template.spec!.containers[0]!.ports).toContainEqual({ name: 'metrics', containerPort: port, protocol: 'TCP' });
      expect(template.metadata?.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
      const service = find<V1Service>(manifests, 'Service', name);
      expect(service.spec?.ports).toContainEqual(expect.objectContaining({ name: 'metrics', port, targetPort: 'metrics' }));
    }
    const api = find<V1Service>(manifests, 'Service', 'synthflux-api');
    expect(api.spec?.ports).toContainEqual(expect.objectContaining({ name: 'dashboard', port: 8090, targetPort: 'dashboard' }));
    const dashboard = find<V1NetworkPolicy>(manifests, 'NetworkPolicy', 'synthflux-api-dashboard');
    expect(dashboard.spec?.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 8090 }] }]);
    const scrape = find<V1NetworkPolicy>(manifests, 'NetworkPolicy', 'synthflux-metrics-from-prometheus');
    expect(scrape.spec?.ingress?.[0]?.ports).toEqual([{ protocol: 'TCP', port: 'metrics' }]);
    expect(scrape.spec?.podSelector?.matchExpressions?.[0]?.values?.sort()).toEqual(Object.keys(metricsPorts).sort());
  });

  it('lets only workers and the API reach the solvers, and the API read the workers\' metrics', () => {
    const podsNamed = (name: string) => [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } }];
    const grpcFrom = (name: string) => [{ from: podsNamed(name), ports: [{ protocol: 'TCP', port: 50051 }] }];
    expect(find<V1NetworkPolicy>(manifests, 'NetworkPolicy', 'synthflux-solver-from-workers').spec?.ingress).toEqual(grpcFrom('synthflux-worker'));
    expect(find<V1NetworkPolicy>(manifests, 'NetworkPolicy', 'synthflux-solver-from-api').spec?.ingress).toEqual(grpcFrom('synthflux-api'));
    const metrics = find<V1NetworkPolicy>(manifests, 'NetworkPolicy', 'synthflux-worker-metrics-from-api');
    expect(metrics.spec?.podSelector?.matchLabels).toEqual({ 'app.kubernetes.io/name': 'synthflux-worker' });
    expect(metrics.spec?.ingress).toEqual([{ from: podsNamed('synthflux-api'), ports: [{ protocol: 'TCP', port: 'metrics' }] }]);
  });
});

it('is checked for real: the server refuses an invalid object', async () => {
  const admin = kubeConfigFor(testKube());
  const [solver] = (await renderOverlay(kubeBinaries().kustomize, 'dev')).filter((m) => m.kind === 'Deployment' && m.metadata.name === 'synthflux-solver') as unknown as V1Deployment[];
  solver!.spec!.template.spec!.containers[0]!.readinessProbe!.grpc!.port = 70000;
  await expect(applyManifests(admin, [solver as unknown as Manifest])).rejects.toMatchObject({ code: 422 });
});

it('re-applying the manifests keeps the replica count the scaler chose', async () => {
  const admin = kubeConfigFor(testKube());
  const manifests = await renderOverlay(kubeBinaries().kustomize, 'dev');
  await applyManifests(admin, manifests);
  const apps = admin.makeApiClient(AppsV1Api);
  await apps.patchNamespacedDeploymentScale({ name: 'synthflux-solver', namespace: 'synthflux-dev', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] });
  await applyManifests(admin, manifests);
  const deployment = await apps.readNamespacedDeployment({ name: 'synthflux-solver', namespace: 'synthflux-dev' });
  expect(deployment.spec?.replicas).toBe(3);
});
