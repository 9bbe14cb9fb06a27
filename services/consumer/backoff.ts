// Reconnect policy: which failures are worth retrying, and how long to wait before the next try.

import { status } from '@grpc/grpc-js';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000 };

/** Full jitter: a fleet of consumers cut off together does not reconnect in lockstep. */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The gRPC code of an error, if it has one. */
export function grpcCode(err: unknown): status | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

// Request problems (bad token, bad cursor, unknown campaign) repeat on every try: fail fast.
const PERMANENT = new Set<status>([status.UNAUTHENTICATED, status.PERMISSION_DENIED, status.INVALID_ARGUMENT, status.NOT_FOUND, status.UNIMPLEMENTED]);

export function isRetryable(err: unknown): boolean {
  const code = grpcCode(err);
  return code === undefined || !PERMANENT.has(code);
}
