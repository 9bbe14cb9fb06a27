// The suite's downstream consumer: one WatchBatches stream over every campaign, through the
// consumer library (so its reconnect-with-cursor logic is what is under test), counting how many
// times each batch is delivered.

import { createSubscriptionsClient, watchBatches } from '../../services/consumer';

export interface Subscriber {
  /** campaignId -> batchIndex -> deliveries. */
  seen: Map<string, Map<number, number>>;
  reconnects: number;
  error?: unknown;
  stop(): Promise<void>;
}

export function startSubscriber(address: string, token: string): Subscriber {
  const client = createSubscriptionsClient(address);
  const abort = new AbortController();
  const sub: Subscriber = { seen: new Map(), reconnects: 0, stop: async () => undefined };
  const loop = (async () => {
    try {
      // Short backoff: the suite restarts the service and PostgreSQL within seconds.
      for await (const event of watchBatches({
        client,
        token,
        signal: abort.signal,
        backoff: { initialMs: 200, maxMs: 2000 },
        onReconnect: () => sub.reconnects++,
      })) {
        const batches = sub.seen.get(event.campaignId) ?? new Map<number, number>();
        batches.set(event.batchIndex, (batches.get(event.batchIndex) ?? 0) + 1);
        sub.seen.set(event.campaignId, batches);
      }
    } catch (err) {
      sub.error = err;
    }
  })();
  sub.stop = async () => {
    abort.abort();
    await loop;
    client.close();
  };
  return sub;
}
