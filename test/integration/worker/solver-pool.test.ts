import { solveBatchRequest } from '../../../services/solver/request';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import type { DefectCase } from '../../../services/domain/defect';
import { SolverPool } from '../../../services/worker/solver-pool';

const defect: DefectCase = {
  backgroundFieldKAPerM: 20,
  wallThicknessMm: 10,
  defectLengthMm: 30,
  defectWidthMm: 30,
  defectDepthPercent: 50,
  side: 'near',
  profile: 'rectangular',
};
const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 };
const batch = (n: number) => solveBatchRequest('dipole', { mesh: 'standard' }, grid, Array.from({ length: n }, (_, index) => ({ index, defect })));

describe('SolverPool against a real solver with one slot', () => {
  let solver: RunningSolverServer;
  let pool: SolverPool;
  beforeAll(async () => {
    solver = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1 });
    pool = new SolverPool({ addresses: [solver.address], callTimeoutMs: 60_000 });
    await pool.identity();
  });
  afterAll(async () => {
    pool.close();
    await solver.close();
  });

  it('lets an urgent campaign overtake the queue of a huge one (priority 5 = 32x share)', async () => {
    const order: string[] = [];
    const run = (key: string, priority: number) => pool.solve(batch(20), undefined, { key, priority }).then(() => void order.push(key));
    const huge = Array.from({ length: 20 }, () => run('huge', 0));
    // Queued behind the huge campaign's 20 calls (one is already running).
    const urgent = Array.from({ length: 3 }, () => run('urgent', 5));
    expect(pool.waiting).toBe(22);
    await Promise.all([...huge, ...urgent]);
    // First come, first served would put the urgent calls at positions 21-23.
    expect(order.lastIndexOf('urgent')).toBeLessThan(6);
  });

  it('shares equally between two campaigns of the same priority', async () => {
    const order: string[] = [];
    const run = (key: string) => pool.solve(batch(5), undefined, { key, priority: 0 }).then(() => void order.push(key));
    await Promise.all([...Array.from({ length: 10 }, () => run('a')), ...Array.from({ length: 4 }, () => run('b'))]);
    // b's 4 calls interleave with a's instead of waiting for all 10.
    expect(order.lastIndexOf('b')).toBeLessThan(10);
  });
});
