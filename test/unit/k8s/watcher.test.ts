import type { V1EndpointSlice } from '@kubernetes/client-node';
import { EndpointSliceDiscovery, type SliceInformer } from '../../../services/discovery/watcher';
import type { SolverEndpointState } from '../../../services/discovery/endpoint-slices';

/** An informer whose cache and events the test drives. */
class FakeInformer {
  slices: V1EndpointSlice[] = [];
  starts = 0;
  failNextStart = false;
  private readonly handlers = new Map<string, ((arg?: unknown) => void)[]>();
  on(verb: string, cb: (arg?: unknown) => void): void {
    this.handlers.set(verb, [...(this.handlers.get(verb) ?? []), cb]);
  }
  off(): void {}
  async start(): Promise<void> {
    this.starts++;
    if (this.failNextStart) {
      this.failNextStart = false;
      this.emit('error', new Error('forbidden'));
    }
  }
  async stop(): Promise<void> {}
  list(): V1EndpointSlice[] {
    return this.slices;
  }
  emit(verb: string, arg?: unknown): void {
    for (const cb of this.handlers.get(verb) ?? []) cb(arg);
  }
}

const slice = (...ips: string[]): V1EndpointSlice => ({
  addressType: 'IPv4',
  ports: [{ name: 'grpc', port: 50051 }],
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
});

describe('EndpointSliceDiscovery', () => {
  const setup = () => {
    const informer = new FakeInformer();
    const published: SolverEndpointState[][] = [];
    const logs: string[] = [];
    const discovery = new EndpointSliceDiscovery({
      namespace: 'ns',
      serviceName: 'synthflux-solver',
      pool: { setEndpoints: (states) => published.push(states) },
      informer: informer as unknown as SliceInformer,
      restartDelayMs: 10,
      log: (m) => logs.push(m),
    });
    return { informer, published, logs, discovery };
  };

  it('publishes the full set on start and on every change, once per distinct set', async () => {
    const { informer, published, discovery } = setup();
    await discovery.start();
    expect(published).toEqual([[]]);
    informer.slices = [slice('10.0.0.1')];
    informer.emit('add', informer.slices[0]);
    informer.emit('update', informer.slices[0]); // same content: not republished
    informer.slices = [slice('10.0.0.1', '10.0.0.2')];
    informer.emit('update', informer.slices[0]);
    informer.slices = [];
    informer.emit('delete', {});
    expect(published).toEqual([[], [{ address: '10.0.0.1:50051' }], [{ address: '10.0.0.1:50051' }, { address: '10.0.0.2:50051' }], []]);
    await discovery.stop();
  });

  it('restarts the informer after an error and keeps the last endpoints meanwhile', async () => {
    const { informer, published, logs, discovery } = setup();
    informer.slices = [slice('10.0.0.1')];
    informer.failNextStart = true;
    await discovery.start();
    expect(logs.some((l) => l.includes('failed, retrying: forbidden'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(informer.starts).toBe(2);
    expect(published).toEqual([[{ address: '10.0.0.1:50051' }]]);
    await discovery.stop();
    informer.emit('error', new Error('after stop'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(informer.starts).toBe(2);
  });
});
