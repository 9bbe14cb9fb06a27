// One LISTEN connection for the whole service: PostgreSQL delivers a notification when a
// transaction that inserted batch events commits. The hub, not each stream, reacts to it.

import { Client } from 'pg';

export const BATCH_EVENTS_CHANNEL = 'synthflux_batch_events';

export interface NotifyListenerOptions {
  databaseUrl: string;
  /** Called for every notification, and after each (re)connect since notifications may have been missed. */
  onWake: () => void;
  onError?: (err: unknown) => void;
  maxBackoffMs?: number;
}

export class NotifyListener {
  private client: Client | undefined;
  private closed = false;
  private backoffMs = 100;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: NotifyListenerOptions) {}

  /** Resolves once listening; later connection losses reconnect with backoff in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.opts.databaseUrl });
    client.on('notification', (msg) => {
      if (msg.channel === BATCH_EVENTS_CHANNEL) this.opts.onWake();
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('listener connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${BATCH_EVENTS_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 100;
    // Anything committed while no connection was listening is picked up by one catch-up read.
    this.opts.onWake();
  }

  private lost(client: Client, err: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.opts.onError?.(err);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 5000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((err: unknown) => {
        this.opts.onError?.(err);
        this.scheduleReconnect();
      });
    }, delay);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
