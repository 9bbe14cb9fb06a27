// Follows the solver Service's EndpointSlices and keeps a SolverPool's endpoints in step.

import { DiscoveryV1Api, makeInformer, type Informer, type KubeConfig, type ObjectCache, type V1EndpointSlice } from '@kubernetes/client-node';
import { endpointStatesFromSlices, type SolverEndpointState } from './endpoint-slices';

/** What discovery feeds: the worker's SolverPool. */
export interface EndpointSink {
  setEndpoints(states: SolverEndpointState[]): void;
}

export type SliceInformer = Informer<V1EndpointSlice> & ObjectCache<V1EndpointSlice>;

export interface EndpointSliceDiscoveryOptions {
  namespace: string;
  /** The headless Service; its slices carry the label kubernetes.io/service-name=<serviceName>. */
  serviceName: string;
  /** The named port in the slices that serves the Solver gRPC API. */
  portName?: string;
  pool: EndpointSink;
  kubeConfig?: KubeConfig;
  /** Injected in tests; built from kubeConfig otherwise. */
  informer?: SliceInformer;
  /** Wait before re-listing after a failed list or watch. */
  restartDelayMs?: number;
  log?: (message: string) => void;
}

/**
 * List+watch of the Service's EndpointSlices (client-node's informer: it re-lists on 410 Gone and
 * re-watches when the server ends a watch). Every change recomputes the full endpoint set from
 * the informer's cache and hands it to the pool, which adds new pods and drains terminating or
 * vanished ones. Errors (API down, RBAC) are logged and the informer restarts after a delay; the
 * pool keeps its last known endpoints meanwhile.
 */
export class EndpointSliceDiscovery {
  private readonly informer: SliceInformer;
  private readonly portName: string;
  private readonly restartDelayMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastPublished = '';

  constructor(private readonly opts: EndpointSliceDiscoveryOptions) {
    this.portName = opts.portName ?? 'grpc';
    this.restartDelayMs = opts.restartDelayMs ?? 5000;
    this.informer = opts.informer ?? this.createInformer();
    this.informer.on('add', this.publish);
    this.informer.on('update', this.publish);
    this.informer.on('delete', this.publish);
    this.informer.on('error', this.onError);
  }

  /** Lists the slices, publishes them, and keeps watching. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.informer.start();
    // An empty list fires no event: publish the (possibly empty) set once listed.
    this.publish();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  /** The endpoint states from the informer's current cache. */
  current(): SolverEndpointState[] {
    return endpointStatesFromSlices(this.informer.list(this.opts.namespace), this.portName);
  }

  private readonly publish = (): void => {
    if (this.stopped) return;
    const states = this.current();
    const key = JSON.stringify(states);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.opts.pool.setEndpoints(states);
    const ready = states.filter((s) => !s.terminating).length;
    this.opts.log?.(`discovery: ${ready} solver endpoints ready, ${states.length - ready} draining (${this.opts.namespace}/${this.opts.serviceName})`);
  };

  private readonly onError = (err: unknown): void => {
    if (this.stopped) return;
    this.opts.log?.(`discovery: watch of ${this.opts.namespace}/${this.opts.serviceName} endpoint slices failed, retrying: ${describe(err)}`);
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.informer.start().then(this.publish, this.onError);
    }, this.restartDelayMs);
    this.restartTimer.unref();
  };

  private createInformer(): SliceInformer {
    const kubeConfig = this.opts.kubeConfig;
    if (!kubeConfig) throw new Error('EndpointSliceDiscovery needs a kubeConfig or an informer');
    const api = kubeConfig.makeApiClient(DiscoveryV1Api);
    const { namespace, serviceName } = this.opts;
    const labelSelector = `kubernetes.io/service-name=${serviceName}`;
    return makeInformer<V1EndpointSlice>(
      kubeConfig,
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
      () => api.listNamespacedEndpointSlice({ namespace, labelSelector }),
      labelSelector,
    );
  }
}

// Error messages from the API client can be long JSON bodies; one line is enough for the log.
const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
