// One WatchBatches stream. It first reads its backlog from the outbox page by page (catch-up),
// then takes events from the hub (live). Memory stays bounded either way: a catch-up page is
// written out before the next is read, and a live stream whose consumer falls more than
// `maxBuffered` events behind drops its buffer and goes back to catch-up from the last event it
// wrote, so the outbox, not this process, holds the backlog of a slow consumer.

import type { BatchEvent } from '../../proto/generated/synthflux/subscriptions/v1/BatchEvent';
import type { BatchEventHub, HubSubscriber } from './hub';
import type { OutboxEvent, OutboxReader } from './outbox';

/** The part of a gRPC server stream this needs: write() returns false when the consumer is behind. */
export interface EventSink {
  write(message: BatchEvent): boolean;
  once(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

export interface BatchStreamOptions {
  hub: BatchEventHub;
  reader: OutboxReader;
  sink: EventSink;
  afterCursor: bigint;
  campaignIds: readonly string[];
  pageSize: number;
  maxBuffered: number;
}

export class BatchStream implements HubSubscriber {
  /** Cursor of the last event written to the sink: where a fallback resumes. */
  private delivered: bigint;
  /** Every event with a cursor up to here has been considered (written, buffered or filtered out). */
  private scanned: bigint;
  private live = false;
  private buffer: OutboxEvent[] = [];
  private closed = false;
  private wakeup: (() => void) | undefined;
  private unblock: (() => void) | undefined;
  /** Times a slow consumer made this stream drop its live buffer (for tests and metrics). */
  fallbacks = 0;
  private readonly filter: ReadonlySet<string>;

  constructor(private readonly opts: BatchStreamOptions) {
    this.delivered = opts.afterCursor;
    this.scanned = opts.afterCursor;
    this.filter = new Set(opts.campaignIds);
  }

  offer(event: OutboxEvent): void {
    if (!this.live || event.cursor <= this.scanned) return;
    this.scanned = event.cursor;
    if (this.filter.size > 0 && !this.filter.has(event.campaignId)) return;
    this.buffer.push(event);
    if (this.buffer.length > this.opts.maxBuffered) {
      this.buffer = [];
      this.live = false;
      this.scanned = this.delivered;
      this.fallbacks++;
    }
    this.wake();
  }

  /** Streams until close(); rejects only when the outbox cannot be read. */
  async run(): Promise<void> {
    this.opts.hub.add(this);
    try {
      while (!this.closed) {
        if (this.buffer.length > 0) await this.flush();
        else if (!this.live) await this.catchUp();
        else await new Promise<void>((resolve) => (this.wakeup = resolve));
      }
    } finally {
      this.opts.hub.remove(this);
    }
  }

  close(): void {
    this.closed = true;
    this.wake();
    this.unblock?.();
  }

  /**
   * Reads one page of (scanned, head]. The hub offers only events above its head, and this stream
   * ignores offers until it is live, so it turns live only when the hub's head has not moved
   * during the read: every event up to head is then in hand, every later one will be offered.
   */
  private async catchUp(): Promise<void> {
    const head = this.opts.hub.head;
    const events = await this.opts.reader.read(this.scanned, head, this.opts.campaignIds, this.opts.pageSize);
    if (this.closed) return;
    this.buffer.push(...events);
    if (events.length === this.opts.pageSize) {
      this.scanned = events[events.length - 1]!.cursor;
      return;
    }
    if (head > this.scanned) this.scanned = head;
    if (this.opts.hub.head === head) this.live = true;
  }

  private async flush(): Promise<void> {
    while (this.buffer.length > 0 && !this.closed) {
      const event = this.buffer.shift()!;
      const accepted = this.opts.sink.write(event.message);
      this.delivered = event.cursor;
      if (!accepted) await this.drained();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.opts.sink.removeListener('drain', done);
        this.unblock = undefined;
        resolve();
      };
      this.opts.sink.once('drain', done);
      // Only 'drain' or close() end the wait: new events must not push more into the sink.
      this.unblock = done;
    });
  }

  private wake(): void {
    const wakeup = this.wakeup;
    this.wakeup = undefined;
    wakeup?.();
  }
}
