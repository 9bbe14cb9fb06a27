import { FairQueue } from '../../../services/worker/fair-queue';

/** Grants `n` slots, then lets the granted requests record themselves. */
async function grant(queue: FairQueue<number>, n: number): Promise<void> {
  for (let g = 0; g < n; g++) queue.grantNext(g);
  await new Promise((r) => setImmediate(r));
}

function enqueueMany(queue: FairQueue<number>, key: string, priority: number, n: number, order: string[]): void {
  for (let k = 0; k < n; k++) void queue.enqueue({ key, priority }).then(() => order.push(key));
}

describe('FairQueue: sharing solver slots between campaigns', () => {
  it('alternates between campaigns of equal priority, so a small one is not starved by a huge one', async () => {
    const queue = new FairQueue<number>();
    const order: string[] = [];
    enqueueMany(queue, 'huge', 0, 1000, order);
    enqueueMany(queue, 'small', 0, 5, order);
    await grant(queue, 10);
    expect(order.filter((k) => k === 'small')).toHaveLength(5);
    expect(order.slice(0, 10).filter((k) => k === 'small').length).toBe(5);
  });

  it('gives a campaign of priority p a 2^p share', async () => {
    const queue = new FairQueue<number>();
    const order: string[] = [];
    enqueueMany(queue, 'low', 0, 100, order);
    enqueueMany(queue, 'high', 2, 100, order);
    await grant(queue, 50);
    const high = order.filter((k) => k === 'high').length;
    expect(high).toBe(40);
    expect(order.length - high).toBe(10);
  });

  it('starts a newly active campaign at the current virtual time: it shares, it does not take over', async () => {
    const queue = new FairQueue<number>();
    // A long-running campaign alone for a while.
    for (let k = 0; k < 500; k++) queue.charge('old', 1);
    const order: string[] = [];
    enqueueMany(queue, 'old', 0, 10, order);
    enqueueMany(queue, 'new', 0, 10, order);
    await grant(queue, 10);
    expect(order.filter((k) => k === 'old').length).toBeGreaterThanOrEqual(4);
    expect(order.filter((k) => k === 'new').length).toBeGreaterThanOrEqual(4);
  });

  it('drops an aborted request from the queue', async () => {
    const queue = new FairQueue<number>();
    const abort = new AbortController();
    const request = queue.enqueue({ key: 'a', priority: 0 }, abort.signal);
    abort.abort(new Error('activity cancelled'));
    await expect(request).rejects.toThrow('activity cancelled');
    expect(queue.size).toBe(0);
    expect(queue.grantNext(1)).toBe(false);
  });
});
