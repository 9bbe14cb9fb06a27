// The prod overlay run the way a cluster runs it. An operator's overlay on top of it (written here,
// rendered by the real kustomize) points the config at this test's servers; the manifests are
// applied to the real kube-apiserver; the Secrets they reference are created there. Then every
// container starts as a local process with exactly the environment its rendered manifest gives it
// (test/kube/pod.ts), its probes checked as the kubelet would: the migrate init container, the API
// replicas (while Temporal is down, then up), the solver and the worker, and a campaign submitted
// through the API's Control service completes through them. The containers run what the images
// run: the JavaScript `npm run build:dist` compiles (node dist/...), built here first.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import { DiscoveryV1Api, CoreV1Api, type V1ConfigMap, type V1Deployment } from '@kubernetes/client-node';
import { Client as PgClient } from 'pg';
import { authMetadata } from '../../../services/consumer/client';
import { createControlClient } from '../../../services/control/api-client';
import { listMigrations } from '../../../services/catalog/migrate';
import { createPrismaClient, type PrismaClient } from '../../../services/catalog/client';
import { dropDatabase, makeRunDir } from '../../../services/stack/ephemeral';
import { freePort } from '../../../services/stack/process';
import { newToken } from '../../../services/subscriptions/auth';
import { kubeBinaries } from '../../kube/binaries';
import { kubeConfigFor, serviceAccountUser, testKube } from '../../kube/client';
import { applyManifests, renderOverlay, type Manifest } from '../../kube/manifests';
import { containerCommand, deploymentPod, runInitContainer, startContainer, waitReady, probeOnce, type PodContext, type RunningContainer } from '../../kube/pod';
import { connectTestServers, poll, type TestServers } from '../harness';

const NAMESPACE = 'synthflux-cluster-run';
const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Temporal behind a switch: closed (Temporal down) until open() forwards to the real server. */
class TemporalSwitch {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number, private readonly target: string) {}
  open(): Promise<void> {
    const [host, port] = this.target.split(':');
    this.server = net.createServer((client) => {
      const upstream = net.connect({ host: host!, port: Number(port) });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.once('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
  }
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An address of this machine other than loopback: EndpointSlices refuse 127.0.0.0/8. */
function hostAddress(): string {
  const found = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!found) throw new Error('no non-loopback IPv4 address on this machine for the solver EndpointSlice');
  return found.address;
}

const find = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} not rendered`);
  return found;
};

describe('the prod overlay, run as a cluster runs it', () => {
  let servers: TestServers;
  let runDir: string;
  let databaseUrl: string;
  let catalog: PrismaClient;
  let temporal: TemporalSwitch;
  let manifests: Manifest[];
  let ctx: PodContext;
  const running: RunningContainer[] = [];
  const admin = newToken('ops', ['admin']);
  const sessionKey = `session-${Date.now()}-${'k'.repeat(32)}`;
  const deployment = (name: string): V1Deployment => find(manifests, 'Deployment', name);

  beforeAll(async () => {
    servers = connectTestServers();
    runDir = makeRunDir('cluster-run');
    // The image build's step (k8s/images/Dockerfile): every container below runs node dist/...
    await promisify(execFile)('npm', ['run', '--silent', 'build:dist'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
    // A fresh catalog database: the migrate init container has to build it from nothing.
    const dbName = `sfx_cluster_run_${process.pid}_${Date.now() % 100000}`;
    const url = new URL(servers.databaseUrl);
    const adminDb = new PgClient({ connectionString: servers.databaseUrl });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE ${dbName}`);
    await adminDb.end();
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    catalog = createPrismaClient(databaseUrl);
    temporal = new TemporalSwitch(await freePort(), servers.temporalAddress);

    // The operator's overlay: prod, with this test's servers as its Temporal and S3.
    const overlayDir = path.join(runDir, 'overlay');
    fs.mkdirSync(overlayDir, { recursive: true });
    fs.writeFileSync(path.join(overlayDir, 'kustomization.yaml'), [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${NAMESPACE}`,
      'resources:',
      `  - ${path.relative(overlayDir, path.join(repoRoot, 'k8s', 'overlays', 'prod'))}`,
      'configMapGenerator:',
      '  - name: synthflux-config',
      '    behavior: merge',
      '    literals:',
      `      - TEMPORAL_ADDRESS=127.0.0.1:${temporal.port}`,
      `      - S3_ENDPOINT=${servers.s3Config.endpoint}`,
      `      - S3_BUCKET=${servers.bucket}`,
      '',
    ].join('\n'));
    manifests = await renderOverlay(kubeBinaries().kustomize, { dir: overlayDir });
    const kc = kubeConfigFor(testKube());
    await applyManifests(kc, manifests);
    // The Secrets k8s/README.md tells the operator to create (values never in git).
    const core = kc.makeApiClient(CoreV1Api);
    const secrets: Record<string, Record<string, string>> = {
      'synthflux-database': { url: databaseUrl },
      'synthflux-s3': { 'access-key': servers.s3Config.accessKey, 'secret-key': servers.s3Config.secretKey },
      'synthflux-api-tokens': { tokens: admin.entry, 'session-key': sessionKey },
    };
    for (const [name, stringData] of Object.entries(secrets)) {
      await core.deleteNamespacedSecret({ name, namespace: NAMESPACE }).catch(() => undefined);
      await core.createNamespacedSecret({ namespace: NAMESPACE, body: { metadata: { name }, stringData } });
    }
    const configMaps = new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, (m as unknown as V1ConfigMap).data ?? {}]));
    ctx = { kubeConfig: kc, namespace: NAMESPACE, configMaps };
  }, 300_000);

  afterAll(async () => {
    for (const c of running.reverse()) await c.stop();
    await temporal?.close();
    await catalog?.$disconnect();
    if (databaseUrl) await dropDatabase(databaseUrl);
    await servers?.prisma.$disconnect();
  });

  it('the migrate init container builds a fresh catalog, and the next pod finds nothing to do', async () => {
    const migrations = (await listMigrations()).map((m) => m.name);
    const first = await runInitContainer(ctx, deploymentPod(deployment('synthflux-api')), 'migrate');
    expect(deploymentPod(deployment('synthflux-api')).initContainers![0]!.command).toEqual(['node', '--enable-source-maps', 'dist/services/catalog/migrate-main.js']);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining(`applied ${migrations.length} migration(s)`) });
    // No credentials in its log.
    expect(first.output).not.toContain(new URL(databaseUrl).username + '@');
    // The worker pods run the same init container: a no-op now.
    const second = await runInitContainer(ctx, deploymentPod(deployment('synthflux-worker')), 'migrate');
    expect(second).toMatchObject({ code: 0, output: expect.stringContaining('is up to date') });
    const applied = await catalog.$queryRaw<{ name: string }[]>`SELECT name FROM synthflux_migrations ORDER BY name`;
    expect(applied.map((r) => r.name)).toEqual(migrations);
    expect(await catalog.campaign.count()).toBe(0);
  });

  it('the API replicas start, pass their probes and serve the dashboard and metrics while Temporal is down', async () => {
    const api = deployment('synthflux-api');
    const pod = deploymentPod(api);
    const container = pod.containers[0]!;
    // The image's command: compiled JavaScript, no tsx.
    expect(containerCommand(container)).toEqual(['node', '--enable-source-maps', 'dist/services/subscriptions/main.js']);
    expect(api.spec?.replicas).toBe(2);
    for (let i = 0; i < api.spec!.replicas!; i++) running.push(await startContainer(ctx, pod, 'api', { runDir, instance: `api-${i}` }));
    const replicas = running.filter((c) => c.name.startsWith('api-'));
    for (const replica of replicas) {
      await waitReady(replica, container, 90_000);
      expect(await probeOnce(replica, container.livenessProbe!)).toBe(true);
    }
    const [a, b] = replicas as [RunningContainer, RunningContainer];
    const bearer = { authorization: `Bearer ${admin.token}` };
    expect((await fetch(`http://${a.address('dashboard')}/healthz`)).status).toBe(200);
    // A campaign the catalog knows whose workflow lives in the Temporal that is down: the page
    // answers from the catalog and says the workflow state is unavailable.
    await catalog.campaign.create({ data: { id: 'while-down', name: 'while-down', spec: {}, specHash: 'h', total: 10, batchSize: 10, batchCount: 1, workflowId: 'campaign-while-down', storeUrl: 's3://b/while-down' } });
    const campaigns = await fetch(`http://${a.address('dashboard')}/api/campaigns`, { headers: bearer });
    expect(campaigns.status).toBe(200);
    expect(await campaigns.json()).toEqual([expect.objectContaining({ campaignId: 'while-down', state: 'RUNNING', workflowStatus: 'UNAVAILABLE', total: 10 })]);
    const metrics = await fetch(`http://${b.address('metrics')}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
  }, 300_000);

  it('a dashboard session started on one API replica works on the other; the cookie is Secure behind the https public URL', async () => {
    const [a, b] = running.filter((c) => c.name.startsWith('api-')) as [RunningContainer, RunningContainer];
    const login = await fetch(`http://${a.address('dashboard')}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: admin.token }).toString(),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    const cookie = setCookie.split(';')[0]!;
    const other = await fetch(`http://${b.address('dashboard')}/api/campaigns`, { headers: { cookie } });
    expect(other.status).toBe(200);
    expect((await fetch(`http://${b.address('dashboard')}/api/campaigns`, { headers: { cookie: `${cookie}x` } })).status).toBe(401);
  });

  it('with Temporal up, the solver and the worker become ready and a campaign submitted through the API completes', async () => {
    await temporal.open();
    const solverPod = deploymentPod(deployment('synthflux-solver'));
    const solver = await startContainer(ctx, solverPod, 'solver', { runDir, instance: 'solver-0' });
    running.push(solver);
    await waitReady(solver, solverPod.containers[0]!, 90_000);
    expect((await fetch(`http://127.0.0.1:${solver.ports.get(9466)}/metrics`)).status).toBe(200);

    // No controller-manager runs: the test writes the solver Service's EndpointSlice, as the
    // EndpointSlice controller would for a ready pod.
    const slices = ctx.kubeConfig.makeApiClient(DiscoveryV1Api);
    await slices.deleteNamespacedEndpointSlice({ name: 'synthflux-solver-run', namespace: NAMESPACE }).catch(() => undefined);
    await slices.createNamespacedEndpointSlice({
      namespace: NAMESPACE,
      body: {
        metadata: { name: 'synthflux-solver-run', labels: { 'kubernetes.io/service-name': 'synthflux-solver', 'endpointslice.kubernetes.io/managed-by': 'synthflux-test' } },
        addressType: 'IPv4',
        ports: [{ name: 'grpc', port: Number(solver.address('grpc').split(':')[1]) }],
        endpoints: [{ addresses: [hostAddress()], conditions: { ready: true } }],
      },
    });

    // The pod's service account token, as a kubeconfig: the worker's own RBAC applies.
    const kubeconfigFile = path.join(runDir, 'worker-kubeconfig.json');
    fs.writeFileSync(kubeconfigFile, kubeConfigFor(testKube(), serviceAccountUser(NAMESPACE, 'synthflux-worker')).exportConfig(), { mode: 0o600 });
    const workerPod = deploymentPod(deployment('synthflux-worker'));
    expect(containerCommand(workerPod.containers[0]!)).toEqual(['node', '--enable-source-maps', 'dist/services/worker/main.js']);
    const worker = await startContainer(ctx, workerPod, 'worker', { runDir, instance: 'worker-0', extraEnv: { KUBECONFIG: kubeconfigFile } });
    running.push(worker);
    await poll({ label: `worker ready (log: ${worker.process.logFile})`, timeoutMs: 180_000, shouldStop: async () => /worker ready/.test(worker.log()) });
    expect(worker.log()).toMatch(/ML training kubernetes, gap checks kubernetes/);
    // Bound to all interfaces in the pod (METRICS_HOST=0.0.0.0): reachable on the pod address.
    const workerMetrics = await fetch(`http://${hostAddress()}:${worker.ports.get(9465)}/metrics`);
    expect(workerMetrics.status).toBe(200);

    const api = running.find((c) => c.name === 'api-0-api')!;
    const control = createControlClient(api.address('grpc'));
    try {
      const spec = 'name: cluster-run\ncount: 20\nsampler: sobol\nseed: 11\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 10\nshardSize: 20\n';
      const submitted = await new Promise<{ campaignId: string }>((resolve, reject) =>
        control.SubmitCampaign({ specYaml: spec }, authMetadata(admin.token), (err: ServiceError | null, res?: { campaignId?: string }) => (err ? reject(err) : resolve({ campaignId: res!.campaignId! }))),
      );
      await poll({
        label: `campaign ${submitted.campaignId} COMPLETED (worker log: ${worker.process.logFile})`,
        timeoutMs: 240_000,
        shouldStop: async () => (await catalog.campaign.findUnique({ where: { id: submitted.campaignId } }))?.state === 'COMPLETED',
      });
      expect(await catalog.simulation.count({ where: { campaignId: submitted.campaignId, status: 'SUCCEEDED' } })).toBe(20);
      // The dashboard reads the workflow again through its lazily connected Temporal client, once
      // that client's connection has come back from its reconnect backoff.
      await poll({
        label: 'the dashboard to show the workflow COMPLETED',
        timeoutMs: 150_000,
        shouldStop: async () => {
          const res = await fetch(`http://${api.address('dashboard')}/api/campaigns`, { headers: { authorization: `Bearer ${admin.token}` } });
          const rows = (await res.json()) as { campaignId: string; workflowStatus: string }[];
          return rows.find((r) => r.campaignId === submitted.campaignId)?.workflowStatus === 'COMPLETED';
        },
      });
    } finally {
      control.close();
    }
  }, 600_000);
});
