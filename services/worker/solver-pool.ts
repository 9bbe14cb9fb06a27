import * as grpc from '@grpc/grpc-js';
import { createSolverClient, getSolverInfo, type SolverClient } from '../solver/client';
import { traceMetadata } from '../tracing/propagation';
import type { SolverEndpointState } from '../discovery/endpoint-slices';
import type { SolveBatchRequest } from '../../proto/generated/synthflux/solver/v1/SolveBatchRequest';
import type { SolveBatchResponse__Output } from '../../proto/generated/synthflux/solver/v1/SolveBatchResponse';
import { FairQueue, type FairTicket } from './fair-queue';

export interface SolverPoolOptions {
  addresses: string[];
  callTimeoutMs: number;
  /** Concurrent calls per endpoint until the endpoint's Info says otherwise. */
  defaultCapacity?: number;
  /** Overrides how endpoints are reached (e.g. TLS); insecure by default, as inside the cluster. */
  createClient?: (address: string) => SolverClient;
}

interface Endpoint {
  address: string;
  client: SolverClient;
  capacity: number;
  inFlight: number;
  infoLoaded: boolean;
  /** Draining endpoints finish their calls but get no new ones. */
  draining: boolean;
  solver?: SolverIdentity;
}

export interface SolverIdentity {
  name: string;
  version: string;
}

/** Status codes after which another endpoint (or a later try) may succeed. */
const RETRY_ELSEWHERE = new Set([grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE]);
const DEFAULT_TICKET: FairTicket = { key: '', priority: 0 };

export class SolverCallError extends Error {
  override readonly name = 'SolverCallError';
  constructor(
    readonly code: grpc.status,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isSolverCallError = (err: unknown): err is SolverCallError => err instanceof SolverCallError;

/**
 * The worker's view of the solver processes: sends each batch to the endpoint with the most free
 * capacity, never more calls to an endpoint than it serves at once, shares the slots between
 * campaigns by priority (weighted fair queueing), and moves to another endpoint when one is busy
 * or down.
 */
export class SolverPool {
  private endpoints: Endpoint[] = [];
  private readonly queue = new FairQueue<Endpoint>();
  private readonly createClient: (address: string) => SolverClient;

  constructor(private readonly opts: SolverPoolOptions) {
    this.createClient = opts.createClient ?? ((address) => createSolverClient(address));
    this.setEndpoints(opts.addresses.map((address) => ({ address })));
  }

  /** Endpoints that take new calls. */
  get size(): number {
    return this.endpoints.filter((e) => !e.draining).length;
  }

  /** Current endpoints and their load, for metrics and scaling decisions. */
  snapshot(): { address: string; capacity: number; inFlight: number; draining: boolean }[] {
    return this.endpoints.map(({ address, capacity, inFlight, draining }) => ({ address, capacity, inFlight, draining }));
  }

  /** Calls waiting for a free solver slot. */
  get waiting(): number {
    return this.queue.size;
  }

  /**
   * Replaces the set of endpoints (discovery calls this as pods come and go). New addresses are
   * added, terminating or vanished ones drain: their calls finish, they get no new ones, and they
   * are closed once idle.
   */
  setEndpoints(states: SolverEndpointState[]): void {
    const wanted = new Map(states.map((s) => [s.address, s]));
    for (const endpoint of this.endpoints) {
      const state = wanted.get(endpoint.address);
      endpoint.draining = !state || Boolean(state.terminating);
      if (state?.capacity) {
        endpoint.capacity = state.capacity;
        endpoint.infoLoaded = true;
      }
    }
    for (const state of states) {
      if (this.endpoints.some((e) => e.address === state.address)) continue;
      this.endpoints.push({
        address: state.address,
        client: this.createClient(state.address),
        capacity: state.capacity ?? this.opts.defaultCapacity ?? 1,
        inFlight: 0,
        infoLoaded: state.capacity !== undefined,
        draining: Boolean(state.terminating),
      });
    }
    this.closeIdleDrained();
    this.dispatch();
  }

  /** Name and version of the solver the pool serves (from an endpoint's Info). */
  async identity(signal?: AbortSignal): Promise<SolverIdentity> {
    const known = this.endpoints.find((e) => !e.draining && e.solver)?.solver;
    if (known) return known;
    const endpoint = await this.acquire(DEFAULT_TICKET, signal);
    try {
      return await this.loadInfo(endpoint);
    } finally {
      this.release(endpoint);
    }
  }

  async solve(request: SolveBatchRequest, signal?: AbortSignal, ticket: FairTicket = DEFAULT_TICKET): Promise<SolveBatchResponse__Output> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const endpoint = await this.acquire(ticket, signal);
      try {
        await this.loadInfo(endpoint);
        return await this.call(endpoint, request, signal);
      } catch (err) {
        const retryable = isSolverCallError(err) && RETRY_ELSEWHERE.has(err.code);
        if (!retryable || attempt >= Math.max(1, this.endpoints.length) * 3) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      } finally {
        this.release(endpoint);
      }
    }
  }

  close(): void {
    for (const endpoint of this.endpoints) endpoint.client.close();
  }

  private async loadInfo(endpoint: Endpoint): Promise<SolverIdentity> {
    if (endpoint.solver && endpoint.infoLoaded) return endpoint.solver;
    const info = await getSolverInfo(endpoint.client, { deadline: Date.now() + 10_000 }).catch((err: grpc.ServiceError) => {
      throw new SolverCallError(err.code, `${endpoint.address}: ${err.details || err.message}`, { cause: err });
    });
    if (!endpoint.infoLoaded) endpoint.capacity = Math.max(1, info.limits?.maxConcurrentRequests ?? endpoint.capacity);
    endpoint.infoLoaded = true;
    endpoint.solver = { name: info.name, version: info.version };
    this.dispatch();
    return endpoint.solver;
  }

  private call(endpoint: Endpoint, request: SolveBatchRequest, signal?: AbortSignal): Promise<SolveBatchResponse__Output> {
    return new Promise((resolve, reject) => {
      const call = endpoint.client.solveBatch(request, traceMetadata(), { deadline: Date.now() + this.opts.callTimeoutMs }, (err, res) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(new SolverCallError(err.code, `${endpoint.address}: ${err.details || err.message}`, { cause: err }));
        else resolve(res!);
      });
      const onAbort = (): void => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private freeEndpoint(): Endpoint | undefined {
    return this.endpoints
      .filter((e) => !e.draining && e.inFlight < e.capacity)
      .sort((a, b) => b.capacity - b.inFlight - (a.capacity - a.inFlight))[0];
  }

  private acquire(ticket: FairTicket, signal?: AbortSignal): Promise<Endpoint> {
    const free = this.queue.size === 0 ? this.freeEndpoint() : undefined;
    if (free) {
      free.inFlight++;
      this.queue.charge(ticket.key, 2 ** ticket.priority);
      return Promise.resolve(free);
    }
    return this.queue.enqueue(ticket, signal);
  }

  private release(endpoint: Endpoint): void {
    endpoint.inFlight--;
    this.closeIdleDrained();
    this.dispatch();
  }

  /** Hands free slots to waiting calls in fair-share order. */
  private dispatch(): void {
    for (let free = this.freeEndpoint(); free; free = this.freeEndpoint()) {
      free.inFlight++;
      if (!this.queue.grantNext(free)) {
        free.inFlight--;
        return;
      }
    }
  }

  private closeIdleDrained(): void {
    for (const endpoint of this.endpoints.filter((e) => e.draining && e.inFlight === 0)) endpoint.client.close();
    this.endpoints = this.endpoints.filter((e) => !(e.draining && e.inFlight === 0));
  }
}
