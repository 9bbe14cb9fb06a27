// The WatchBatches handler: authenticate, validate, then hand the call to a BatchStream. It never
// throws; every failure ends the call with a status (the error event of a server stream).

import { status } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { BatchEvent } from '../../proto/generated/synthflux/subscriptions/v1/BatchEvent';
import type { WatchBatchesRequest__Output } from '../../proto/generated/synthflux/subscriptions/v1/WatchBatchesRequest';
import { authorize, type TokenEntry } from './auth';
import type { BatchEventHub } from './hub';
import type { OutboxReader } from './outbox';
import { BatchStream } from './stream';
import { checkFilter, parseCursor } from './validate';

export type WatchCall = ServerWritableStream<WatchBatchesRequest__Output, BatchEvent>;

export interface WatchDeps {
  hub: BatchEventHub;
  reader: OutboxReader;
  tokens: readonly TokenEntry[];
  pageSize: number;
  maxBuffered: number;
  maxStreams: number;
  log: (message: string) => void;
}

export interface WatchService {
  handler: (call: WatchCall) => void;
  activeStreams(): number;
  /** Times a slow consumer made a live stream drop its buffer and re-read the outbox. */
  fallbacks(): number;
  /** Ends every open stream with UNAVAILABLE, so consumers reconnect (to another replica) with their cursor. */
  closeAll(): void;
}

const fail = (call: WatchCall, code: status, details: string): void => {
  call.emit('error', { code, details });
};

export function createWatchService(deps: WatchDeps): WatchService {
  const streams = new Map<WatchCall, BatchStream>();
  let admitted = 0;
  let endedFallbacks = 0;

  async function start(call: WatchCall, afterCursor: bigint, campaignIds: string[]): Promise<void> {
    const missing = await deps.reader.missingCampaigns(campaignIds);
    if (call.cancelled) return;
    if (missing.length > 0) {
      const i = campaignIds.indexOf(missing[0]!);
      return fail(call, status.NOT_FOUND, `filter.campaign_ids[${i}]: campaign '${missing[0]}' is not in the catalog`);
    }
    const newest = await deps.reader.newestCursor();
    if (call.cancelled) return;
    if (afterCursor > newest) {
      return fail(call, status.INVALID_ARGUMENT, `after_cursor: ${afterCursor} is newer than the newest event (${newest}); it does not come from this catalog`);
    }
    const stream = new BatchStream({ hub: deps.hub, reader: deps.reader, sink: call, afterCursor, campaignIds, pageSize: deps.pageSize, maxBuffered: deps.maxBuffered });
    streams.set(call, stream);
    try {
      await stream.run();
    } finally {
      endedFallbacks += stream.fallbacks;
      streams.delete(call);
    }
  }

  function handler(call: WatchCall): void {
    const auth = authorize(call.metadata, deps.tokens, 'read');
    if (!auth.ok) return fail(call, auth.code, auth.details);
    const cursor = parseCursor(call.request.afterCursor);
    if (!cursor.ok) return fail(call, status.INVALID_ARGUMENT, `${cursor.field}: ${cursor.message}`);
    const filter = checkFilter(call.request.filter);
    if (!filter.ok) return fail(call, status.INVALID_ARGUMENT, `${filter.field}: ${filter.message}`);
    if (admitted >= deps.maxStreams) return fail(call, status.RESOURCE_EXHAUSTED, `this service serves at most ${deps.maxStreams} streams; retry later`);

    admitted++;
    // Drop the stream (and its hub subscription) as soon as the consumer goes away.
    const onCancelled = (): void => streams.get(call)?.close();
    call.on('cancelled', onCancelled);
    start(call, cursor.value, filter.value)
      .catch((err: unknown) => {
        // Database trouble: the consumer retries with its cursor, which loses nothing.
        deps.log(`WatchBatches (${auth.name}): outbox read failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!call.cancelled) fail(call, status.UNAVAILABLE, 'the batch-event outbox is unavailable; retry with your last cursor');
      })
      .finally(() => {
        admitted--;
        call.removeListener('cancelled', onCancelled);
      });
  }

  return {
    handler,
    activeStreams: () => streams.size,
    fallbacks: () => endedFallbacks + [...streams.values()].reduce((sum, s) => sum + s.fallbacks, 0),
    closeAll() {
      for (const [call, stream] of streams) {
        stream.close();
        if (!call.cancelled) fail(call, status.UNAVAILABLE, 'the subscription service is shutting down; reconnect with your last cursor');
      }
    },
  };
}
