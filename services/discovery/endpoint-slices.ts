// Pure mapping from a Service's EndpointSlices to the solver pool's endpoint states.

import type { V1EndpointSlice } from '@kubernetes/client-node';

/** One solver endpoint as discovery sees it. */
export interface SolverEndpointState {
  address: string;
  /** Concurrent calls it serves; when unset, the endpoint's Info decides. */
  capacity?: number;
  /** A terminating pod: finish what it has, send it nothing new. */
  terminating?: boolean;
}

const formatAddress = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * One state per pod address:
 * - ready (conditions.ready not false, not terminating): takes calls;
 * - terminating (conditions.terminating, whether or not still serving): drains — its calls
 *   finish, it gets no new ones;
 * - not ready and not terminating (starting, or failing its readiness probe): left out, so the
 *   pool drains it if it knew it and does not add it otherwise.
 * Capacity is left unset: the pool asks each pod's Info for its concurrency (the pod's solve
 * threads), which needs no extra RBAC (reading pod annotations would need pods get/list).
 * An address listed in several slices (a slice split mid-update) counts as ready if any says so.
 */
export function endpointStatesFromSlices(slices: readonly V1EndpointSlice[], portName: string): SolverEndpointState[] {
  const states = new Map<string, SolverEndpointState>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue;
    const port = slice.ports?.find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP')?.port;
    if (port === undefined || port === null) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses[0];
      if (!ip) continue;
      const address = formatAddress(ip, port);
      const terminating = endpoint.conditions?.terminating === true;
      const ready = endpoint.conditions?.ready !== false && !terminating;
      if (!ready && !terminating) continue;
      const previous = states.get(address);
      if (previous && !previous.terminating) continue;
      states.set(address, ready ? { address } : { address, terminating: true });
    }
  }
  return [...states.values()].sort((a, b) => a.address.localeCompare(b.address));
}
