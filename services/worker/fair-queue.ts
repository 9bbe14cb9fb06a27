/**
 * Weighted fair sharing of a scarce resource (solver slots) between keys (campaigns). Each key has
 * a virtual time that advances by 1/weight per grant; the waiting key with the smallest virtual
 * time goes next. A key that becomes active starts at the current minimum, so a small urgent
 * campaign is served at once and a long-running one is not starved by a newcomer either.
 * weight = 2^priority: priority 1 gets twice the share of priority 0.
 */
export interface FairTicket {
  key: string;
  priority: number;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export class FairQueue<T> {
  private readonly waiting = new Map<string, { weight: number; waiters: Waiter<T>[] }>();
  private readonly virtualTime = new Map<string, number>();
  /** Virtual time of the latest grant: where a newly active key starts. */
  private systemTime = 0;

  get size(): number {
    let n = 0;
    for (const q of this.waiting.values()) n += q.waiters.length;
    return n;
  }

  /** Queues a request; `grant` from dispatch() resolves it. */
  enqueue(ticket: FairTicket, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, reject };
      let queue = this.waiting.get(ticket.key);
      if (!queue) {
        const start = this.startTime();
        queue = { weight: 2 ** ticket.priority, waiters: [] };
        this.waiting.set(ticket.key, queue);
        this.virtualTime.set(ticket.key, Math.max(this.virtualTime.get(ticket.key) ?? 0, start));
      }
      queue.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const q = this.waiting.get(ticket.key);
          const at = q?.waiters.indexOf(waiter) ?? -1;
          if (q && at >= 0) {
            q.waiters.splice(at, 1);
            if (q.waiters.length === 0) this.waiting.delete(ticket.key);
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an aborted wait rejects with the signal's reason, as Node's own APIs do
            reject(signal.reason);
          }
        },
        { once: true },
      );
    });
  }

  /** Hands `value` to the next waiter by fair share; false when nobody waits. */
  grantNext(value: T): boolean {
    let best: string | undefined;
    for (const key of this.waiting.keys()) {
      if (best === undefined || this.virtualTime.get(key)! < this.virtualTime.get(best)!) best = key;
    }
    if (best === undefined) return false;
    const queue = this.waiting.get(best)!;
    const waiter = queue.waiters.shift()!;
    if (queue.waiters.length === 0) this.waiting.delete(best);
    this.charge(best, queue.weight);
    waiter.resolve(value);
    return true;
  }

  /** Accounts a grant made without queueing (a free slot and nobody waiting). */
  charge(key: string, weight: number): void {
    const start = Math.max(this.virtualTime.get(key) ?? 0, this.startTime());
    this.systemTime = start;
    this.virtualTime.set(key, start + 1 / weight);
    // Idle keys behind the system time would restart from it anyway: forget them.
    for (const [k, t] of this.virtualTime) if (t <= this.systemTime && !this.waiting.has(k)) this.virtualTime.delete(k);
  }

  private startTime(): number {
    let min = Infinity;
    for (const key of this.waiting.keys()) min = Math.min(min, this.virtualTime.get(key) ?? Infinity);
    return Number.isFinite(min) ? min : this.systemTime;
  }
}
