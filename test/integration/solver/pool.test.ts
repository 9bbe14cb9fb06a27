import { PoolClosedError, SolveThreadPool, TaskCancelledError } from '../../../services/solver/pool';
import type { SolveTask } from '../../../services/solver/solve-task';
import { TEST_MODELS, grid } from './helpers';

const defect = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 30, defectWidthMm: 20, defectDepthPercent: 40, side: 'near', profile: 'rectangular' } as const;

function sleepTask(ms: number): SolveTask {
  return { model: 'test-sleep', defect: { ...defect, defectLengthMm: ms }, grid, settings: { mesh: 'standard' } };
}

describe('worker-thread pool', () => {
  it('runs simulations on every thread at once', async () => {
    const pool = await SolveThreadPool.start({ threads: 2, modelModules: [TEST_MODELS] });
    try {
      const started = Date.now();
      const outcomes = await Promise.all([250, 250, 250, 250].map((ms) => pool.run(sleepTask(ms))));
      expect(outcomes.map((o) => o.kind)).toEqual(['map', 'map', 'map', 'map']);
      // One thread would need 1 s.
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await pool.terminate();
    }
  });

  it('drops queued jobs when their signal aborts, finishes the running one', async () => {
    const pool = await SolveThreadPool.start({ threads: 1, modelModules: [TEST_MODELS] });
    try {
      const abort = new AbortController();
      const jobs = [pool.run(sleepTask(100), abort.signal), pool.run(sleepTask(100), abort.signal), pool.run(sleepTask(100), abort.signal)];
      expect(pool.queued).toBe(2);
      abort.abort();
      const settled = await Promise.allSettled(jobs);
      expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { kind: 'map' } });
      expect(settled[1]).toMatchObject({ status: 'rejected', reason: expect.any(TaskCancelledError) });
      expect(settled[2]).toMatchObject({ status: 'rejected', reason: expect.any(TaskCancelledError) });
      expect(pool.queued).toBe(0);
    } finally {
      await pool.terminate();
    }
  });

  it('fails only the job of a crashed worker and replaces the worker', async () => {
    const pool = await SolveThreadPool.start({ threads: 1, modelModules: [TEST_MODELS] });
    try {
      const crashed = await pool.run({ ...sleepTask(0), model: 'test-crash' });
      expect(crashed).toMatchObject({ kind: 'error', reason: 'INTERNAL', message: 'solver worker stopped: exited with code 3' });
      const next = await pool.run({ ...sleepTask(30), model: 'dipole' });
      expect(next.kind).toBe('map');
    } finally {
      await pool.terminate();
    }
  });

  it('rejects queued work on terminate and new work afterwards', async () => {
    const pool = await SolveThreadPool.start({ threads: 1, modelModules: [TEST_MODELS] });
    const jobs = Promise.allSettled([pool.run(sleepTask(200)), pool.run(sleepTask(200))]);
    await pool.terminate();
    const [running, queued] = await jobs;
    expect(running).toMatchObject({ status: 'rejected', reason: expect.any(PoolClosedError) });
    expect(queued).toMatchObject({ status: 'rejected', reason: expect.any(PoolClosedError) });
    await expect(pool.run(sleepTask(1))).rejects.toThrow('solver pool is shut down');
  });

  it('fails to start when a model module cannot load', async () => {
    await expect(SolveThreadPool.start({ threads: 1, modelModules: ['/nonexistent/models.ts'] })).rejects.toThrow('solver worker failed to start');
  });
});
