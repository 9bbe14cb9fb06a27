import { EventEmitter } from 'node:events';
import { BatchEventHub } from '../../../services/subscriptions/hub';
import type { OutboxEvent, OutboxReader } from '../../../services/subscriptions/outbox';
import { BatchStream, type EventSink } from '../../../services/subscriptions/stream';
import type { BatchEvent } from '../../../proto/generated/synthflux/subscriptions/v1/BatchEvent';

/** An in-memory outbox whose reads take a moment, like a database round trip. */
class FakeOutbox implements OutboxReader {
  events: OutboxEvent[] = [];
  append(campaignId: string, n: number): void {
    for (let i = 0; i < n; i++) {
      const cursor = BigInt(this.events.length * 2 + 2); // gaps, like the real sequence
      this.events.push({ cursor, campaignId, message: { cursor: cursor.toString(), campaignId } });
    }
  }
  async read(after: bigint, upTo: bigint | undefined, ids: readonly string[], limit: number): Promise<OutboxEvent[]> {
    const hit = this.events.filter((e) => e.cursor > after && (upTo === undefined || e.cursor <= upTo) && (ids.length === 0 || ids.includes(e.campaignId)));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    return hit.slice(0, limit);
  }
  async newestCursor(): Promise<bigint> {
    return this.events.at(-1)?.cursor ?? 0n;
  }
  async missingCampaigns(): Promise<string[]> {
    return [];
  }
}

/** A sink that is "full" at random and drains a moment later, like a gRPC stream to a slowish consumer. */
class FlakySink extends EventEmitter implements EventSink {
  received: BatchEvent[] = [];
  pendingDrain = false;
  constructor(private readonly fullProbability: number) {
    super();
  }
  write(message: BatchEvent): boolean {
    this.received.push(message);
    if (this.pendingDrain || Math.random() >= this.fullProbability) return !this.pendingDrain;
    this.pendingDrain = true;
    setTimeout(() => {
      this.pendingDrain = false;
      this.emit('drain');
    }, Math.random() * 5);
    return false;
  }
}

const until = async (check: () => boolean, label: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('BatchStream', () => {
  it.each([
    ['a fast consumer', 0, 100],
    ['a slow consumer that overflows the live buffer', 0.5, 4],
  ])('delivers every matching event exactly once in cursor order to %s while events keep arriving', async (_label, fullProbability, maxBuffered) => {
    const outbox = new FakeOutbox();
    outbox.append('a', 15);
    const hub = new BatchEventHub({ reader: outbox, pageSize: 50, pollMs: 60_000 });
    await hub.start();
    outbox.append('b', 5); // committed before the hub woke up
    const streams = ['', 'a'].map((filter) => {
      const sink = new FlakySink(fullProbability);
      const stream = new BatchStream({ hub, reader: outbox, sink, afterCursor: 4n, campaignIds: filter ? [filter] : [], pageSize: 7, maxBuffered });
      return { sink, stream, done: stream.run(), filter };
    });
    for (let round = 0; round < 40; round++) {
      outbox.append(round % 3 === 0 ? 'b' : 'a', 1 + (round % 12));
      hub.wake();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 12));
    }
    hub.wake();
    for (const { sink, filter } of streams) {
      const expected = outbox.events.filter((e) => e.cursor > 4n && (!filter || e.campaignId === filter)).map((e) => e.message.cursor);
      await until(() => sink.received.length >= expected.length, `${expected.length} events`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sink.received.map((m) => m.cursor)).toEqual(expected);
    }
    for (const s of streams) s.stream.close();
    await Promise.all(streams.map((s) => s.done));
    expect(hub.subscriberCount).toBe(0);
    await hub.close();
  });

  it('stops writing while the sink is full and resumes on drain', async () => {
    const outbox = new FakeOutbox();
    outbox.append('a', 10);
    const hub = new BatchEventHub({ reader: outbox, pageSize: 100, pollMs: 60_000 });
    await hub.start();
    const sink = new EventEmitter() as EventEmitter & EventSink & { received: number };
    sink.received = 0;
    sink.write = () => ++sink.received < 3;
    const stream = new BatchStream({ hub, reader: outbox, sink, afterCursor: 0n, campaignIds: [], pageSize: 100, maxBuffered: 100 });
    const done = stream.run();
    await until(() => sink.received === 3, 'three writes');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sink.received).toBe(3);
    sink.emit('drain');
    await until(() => sink.received === 4, 'a write after drain');
    stream.close(); // close() must not wait for a drain that never comes
    await done;
    await hub.close();
  });

  it('a live stream whose consumer stops reading drops its buffer past the limit and re-reads the outbox', async () => {
    const outbox = new FakeOutbox();
    const hub = new BatchEventHub({ reader: outbox, pageSize: 100, pollMs: 60_000 });
    await hub.start();
    const sink = new EventEmitter() as EventEmitter & EventSink & { received: string[] };
    sink.received = [];
    sink.write = (m: BatchEvent) => sink.received.push(m.cursor!) < 1; // full after the first write
    const stream = new BatchStream({ hub, reader: outbox, sink, afterCursor: 0n, campaignIds: [], pageSize: 100, maxBuffered: 5 });
    const done = stream.run();
    await until(() => hub.subscriberCount === 1, 'subscribed');
    await new Promise((resolve) => setTimeout(resolve, 10)); // the first catch-up (empty) makes it live
    outbox.append('a', 30);
    hub.wake();
    await hub.idle();
    expect(stream.fallbacks).toBe(1);
    await until(() => sink.received.length === 1, 'the first write');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sink.received).toHaveLength(1); // nothing more until the consumer drains
    sink.write = (m: BatchEvent) => sink.received.push(m.cursor!) > 0;
    sink.emit('drain');
    await until(() => sink.received.length === 30, 'all 30 events');
    expect(sink.received).toEqual(outbox.events.map((e) => e.message.cursor));
    stream.close();
    await done;
    await hub.close();
  });
});
