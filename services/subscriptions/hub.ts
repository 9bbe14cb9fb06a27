// The fan-out point: one reader of new outbox rows for the whole service. A NOTIFY (or the safety
// poll) wakes it; it reads every event after its head in cursor order and offers each one, in the
// same synchronous step, to every stream. Streams therefore see one ordered sequence, and a
// stream can tell from `head` whether it has caught up (see BatchStream).

import type { OutboxEvent, OutboxReader } from './outbox';

export interface HubSubscriber {
  /** Called synchronously for every event the hub reads, in cursor order. Must not throw. */
  offer(event: OutboxEvent): void;
}

export interface BatchEventHubOptions {
  reader: OutboxReader;
  pageSize: number;
  /** Interval of the safety poll; NOTIFY is the normal wake-up. */
  pollMs: number;
  onError?: (err: unknown) => void;
}

export class BatchEventHub {
  /** The newest cursor read from the outbox and offered to every subscriber. */
  head = 0n;
  private readonly subscribers = new Set<HubSubscriber>();
  private draining: Promise<void> | undefined;
  private wokenWhileDraining = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: BatchEventHubOptions) {}

  /** Starts at the newest stored event: older ones reach streams through their own catch-up reads. */
  async start(): Promise<void> {
    this.head = await this.opts.reader.newestCursor();
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.timer.unref();
  }

  add(subscriber: HubSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: HubSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Reads new events soon; wakes arriving during a read cause one more read, never a parallel one. */
  wake(): void {
    if (this.closed) return;
    if (this.draining) {
      this.wokenWhileDraining = true;
      return;
    }
    this.draining = this.drain()
      .catch((err: unknown) => this.opts.onError?.(err)) // the next wake or poll retries
      .finally(() => {
        this.draining = undefined;
      });
  }

  /** Resolves when no read is in progress (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    do {
      this.wokenWhileDraining = false;
      for (;;) {
        const events = await this.opts.reader.read(this.head, undefined, [], this.opts.pageSize);
        if (this.closed) return;
        for (const event of events) {
          this.head = event.cursor;
          for (const subscriber of this.subscribers) subscriber.offer(event);
        }
        if (events.length < this.opts.pageSize) break;
      }
    } while (this.wokenWhileDraining && !this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    this.subscribers.clear();
  }
}
