// Follow batch events across disconnects. The caller persists the cursor of each event it has
// processed and passes the saved one back on restart; within one run, every reconnect resumes
// after the last event this iterator received. Either way nothing is skipped or repeated.
// An event with revision > 0 replaces the earlier events of its batch (retry-failed rewrote the
// batch's rows): read the batch again and replace what was learned from it.

import { status } from '@grpc/grpc-js';
import type { BatchEvent__Output } from '../../proto/generated/synthflux/subscriptions/v1/BatchEvent';
import { backoffDelay, DEFAULT_BACKOFF, grpcCode, isRetryable, type BackoffOptions } from './backoff';
import { authMetadata, type SubscriptionsClient } from './client';

export type { BatchEvent__Output as BatchEvent };

export interface WatchBatchesOptions {
  client: SubscriptionsClient;
  token: string;
  /** Empty: every campaign. */
  campaignIds?: string[];
  /** The last cursor the caller processed ('' for the beginning). */
  afterCursor?: string;
  signal?: AbortSignal;
  backoff?: BackoffOptions;
  /**
   * Also yield events whose batch a later revision already replaced (`superseded`, seen when
   * replaying from an earlier cursor after retry-failed rewrote the batch). Off by default: their
   * rows are no longer in the store, and the revision that replaced them follows in the stream.
   */
  includeSuperseded?: boolean;
  /** Told about each failed or ended stream before the wait; for logs and tests. */
  onReconnect?: (info: { attempt: number; delayMs: number; error?: unknown }) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Yields batch events in cursor order until the signal aborts (then it returns) or the service
 * refuses the request itself (then it throws the gRPC error: bad token, cursor or filter). The
 * next event is requested only when the loop body asks for it, so a slow consumer slows the
 * stream through gRPC flow control instead of queueing events in memory.
 */
export async function* watchBatches(opts: WatchBatchesOptions): AsyncGenerator<BatchEvent__Output, void, undefined> {
  let cursor = opts.afterCursor ?? '';
  let attempt = 0;
  const { signal } = opts;
  while (!signal?.aborted) {
    const call = opts.client.WatchBatches({ filter: { campaignIds: opts.campaignIds ?? [] }, afterCursor: cursor }, authMetadata(opts.token));
    const cancel = (): void => call.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    let failure: unknown;
    try {
      for await (const event of call as AsyncIterable<BatchEvent__Output>) {
        attempt = 0;
        cursor = event.cursor;
        if (event.superseded && !opts.includeSuperseded) continue;
        yield event;
      }
    } catch (err) {
      if (signal?.aborted && grpcCode(err) === status.CANCELLED) return;
      if (!isRetryable(err)) throw err;
      failure = err;
    } finally {
      signal?.removeEventListener('abort', cancel);
      call.cancel();
    }
    if (signal?.aborted) return;
    const delayMs = backoffDelay(attempt++, opts.backoff ?? DEFAULT_BACKOFF);
    opts.onReconnect?.({ attempt, delayMs, error: failure });
    await sleep(delayMs, signal);
  }
}
