import { condition } from '@temporalio/workflow';

export interface BoundedRun<T> {
  /** The next item to start, or undefined when there is none. */
  take(): T | undefined;
  /** True while more items remain (checked before taking). */
  hasNext(): boolean;
  /** Current concurrency limit; may change while running (signals). */
  limit(): number;
  /** While true, nothing new starts; running items go on. */
  paused(): boolean;
  /** Stop starting new items (e.g. to continue as new); running ones still finish. */
  stop(): boolean;
  run(item: T): Promise<void>;
}

/**
 * Starts items one by one while fewer than `limit()` run and the run is not paused, then waits for
 * the running ones. The first failure stops new starts; it is rethrown once the others settle.
 * Deterministic: only workflow conditions and promises are involved.
 */
export async function runBounded<T>(opts: BoundedRun<T>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  while (!failure && opts.hasNext() && !opts.stop()) {
    await condition(() => failure !== undefined || (!opts.paused() && running.size < Math.max(1, opts.limit())));
    if (failure || opts.stop()) break;
    const item = opts.take();
    if (item === undefined) break;
    const task: Promise<void> = opts
      .run(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(task));
    running.add(task);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
