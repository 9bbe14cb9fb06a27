// Discovery follows EndpointSlices the test writes (as the EndpointSlice controller would; no
// controller-manager runs here) and adds and drains SolverPool endpoints, watching as the worker.

import os from 'node:os';
import { DiscoveryV1Api, type V1Endpoint, type V1EndpointSlice } from '@kubernetes/client-node';
import { EndpointSliceDiscovery } from '../../../services/discovery/watcher';
import { SolverPool } from '../../../services/worker/solver-pool';
import type { SolveBatchRequest } from '../../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import { applyDevOverlay, DEV_NAMESPACE, type DevCluster } from '../../kube/fixture';
import { poll } from '../harness';
import { grid, spec, startTestSolver } from '../solver/helpers';

const ns = DEV_NAMESPACE;

/** A batch of one simulation of the test-only sleep model: it holds a solve thread for `ms`. */
const sleepBatch = (ms: number): SolveBatchRequest => ({ settings: { model: 'test-sleep' }, grid, simulations: [spec(0, { defectLengthMm: ms })] });

function hostAddress(): string {
  const found = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!found) throw new Error('this test needs a non-loopback IPv4 interface (EndpointSlices refuse 127.0.0.0/8)');
  return found.address;
}
const ready = (ip: string): V1Endpoint => ({ addresses: [ip], conditions: { ready: true, serving: true, terminating: false } });
const terminating = (ip: string): V1Endpoint => ({ addresses: [ip], conditions: { ready: false, serving: true, terminating: true } });
const starting = (ip: string): V1Endpoint => ({ addresses: [ip], conditions: { ready: false, serving: false, terminating: false } });

const slice = (name: string, endpoints: V1Endpoint[], service = 'synthflux-solver'): V1EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: ns, labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'synthflux-test' } },
  addressType: 'IPv4',
  ports: [{ name: 'grpc', port: 50051, protocol: 'TCP' }],
  endpoints,
});

describe('EndpointSlice discovery', () => {
  let cluster: DevCluster;
  let slices: DiscoveryV1Api;
  let pool: SolverPool;
  let discovery: EndpointSliceDiscovery;

  beforeAll(async () => {
    cluster = await applyDevOverlay();
    slices = cluster.admin.makeApiClient(DiscoveryV1Api);
    await slices.deleteCollectionNamespacedEndpointSlice({ namespace: ns, labelSelector: 'endpointslice.kubernetes.io/managed-by=synthflux-test' });
  });
  beforeEach(async () => {
    pool = new SolverPool({ addresses: [], callTimeoutMs: 5000 });
    discovery = new EndpointSliceDiscovery({ kubeConfig: cluster.worker, namespace: ns, serviceName: 'synthflux-solver', pool, restartDelayMs: 200 });
    await discovery.start();
  });
  afterEach(async () => {
    await discovery.stop();
    pool.close();
    await slices.deleteCollectionNamespacedEndpointSlice({ namespace: ns, labelSelector: 'endpointslice.kubernetes.io/managed-by=synthflux-test' });
  });

  const endpoints = (): string[] => pool.snapshot().map((e) => `${e.address}${e.draining ? ' draining' : ''}`).sort();
  const waitFor = (expected: string[]): Promise<void> =>
    poll({ label: `pool endpoints ${expected.join(', ')} (have ${endpoints().join(', ')})`, timeoutMs: 15_000, shouldStop: async () => JSON.stringify(endpoints()) === JSON.stringify(expected) });

  it('adds ready pods, skips starting ones and drains terminating and vanished ones', async () => {
    expect(pool.size).toBe(0);
    await slices.createNamespacedEndpointSlice({ namespace: ns, body: slice('synthflux-solver-a', [ready('10.1.0.1'), starting('10.1.0.2')]) });
    await waitFor(['10.1.0.1:50051']);

    await slices.createNamespacedEndpointSlice({ namespace: ns, body: slice('synthflux-solver-b', [ready('10.1.0.3')]) });
    // Another Service's slice in the namespace is not ours.
    await slices.createNamespacedEndpointSlice({ namespace: ns, body: slice('other-a', [ready('10.9.0.1')], 'other') });
    await waitFor(['10.1.0.1:50051', '10.1.0.3:50051']);

    // 10.1.0.1 terminates (idle, so it is drained and closed at once); 10.1.0.2 became ready.
    await slices.replaceNamespacedEndpointSlice({ name: 'synthflux-solver-a', namespace: ns, body: slice('synthflux-solver-a', [terminating('10.1.0.1'), ready('10.1.0.2')]) });
    await waitFor(['10.1.0.2:50051', '10.1.0.3:50051']);

    await slices.deleteNamespacedEndpointSlice({ name: 'synthflux-solver-b', namespace: ns });
    await waitFor(['10.1.0.2:50051']);
    expect(pool.size).toBe(1);
  });

  it('finishes the calls of a terminating solver, sends new ones elsewhere, and learns capacity from Info', async () => {
    // Slices refuse loopback addresses, so the solvers listen on this machine's own interface.
    const ip = hostAddress();
    const a = await startTestSolver({ host: ip, threads: 2 });
    const b = await startTestSolver({ host: ip, threads: 1 });
    try {
      const sliceFor = (name: string, port: number, endpoint: V1Endpoint): V1EndpointSlice => ({ ...slice(name, [endpoint]), ports: [{ name: 'grpc', port, protocol: 'TCP' }] });
      await slices.createNamespacedEndpointSlice({ namespace: ns, body: sliceFor('synthflux-solver-a', a.solver.port, ready(ip)) });
      await waitFor([a.solver.address]);

      const long = pool.solve(sleepBatch(2000));
      await poll({ label: 'a call in flight on solver a', timeoutMs: 10_000, shouldStop: async () => a.solver.activeCalls() === 1 });
      expect(pool.snapshot()).toEqual([{ address: a.solver.address, capacity: 2, inFlight: 1, draining: false }]); // 2 = a's threads, from Info

      // Solver a is told to stop (SIGTERM: NOT_SERVING, drain) and its endpoint turns terminating; b appears.
      const closing = a.solver.close();
      await slices.replaceNamespacedEndpointSlice({ name: 'synthflux-solver-a', namespace: ns, body: sliceFor('synthflux-solver-a', a.solver.port, terminating(ip)) });
      await slices.createNamespacedEndpointSlice({ namespace: ns, body: sliceFor('synthflux-solver-b', b.solver.port, ready(ip)) });
      await waitFor([`${a.solver.address} draining`, b.solver.address].sort());

      const short = await pool.solve(sleepBatch(10));
      expect(short.results).toHaveLength(1);
      expect(b.solver.activeCalls()).toBe(0);
      expect((await long).results).toHaveLength(1); // the in-flight call finished on the draining pod
      await closing;
      expect(endpoints()).toEqual([b.solver.address]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
