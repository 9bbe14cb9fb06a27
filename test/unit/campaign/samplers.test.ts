import { createPointSampler, directionNumbers, indexPermutation, stratumPermutation, SOBOL_MAX_DIMS } from '../../../services/campaign/samplers';
import type { PointSamplerKind } from '../../../services/campaign';

const KINDS: PointSamplerKind[] = ['uniform', 'latin-hypercube', 'sobol'];

describe('unit-cube samplers', () => {
  it.each(KINDS)('%s: points lie in [0,1)^D and depend only on (seed, count, index)', (kind) => {
    const config = { kind, seed: 9, count: 500, dims: 7 };
    const a = createPointSampler(config);
    const points = Array.from({ length: 500 }, (_, i) => a(i));
    for (const p of points) {
      expect(p).toHaveLength(7);
      for (const u of p) expect(u >= 0 && u < 1).toBe(true);
    }
    // A fresh sampler, called backwards, gives the same points: no state between calls.
    const b = createPointSampler(config);
    for (let i = 499; i >= 0; i -= 7) expect(b(i)).toEqual(points[i]);
  });

  it.each(KINDS)('%s: different seeds give different points', (kind) => {
    const a = createPointSampler({ kind, seed: 1, count: 100, dims: 3 });
    const b = createPointSampler({ kind, seed: 2, count: 100, dims: 3 });
    const same = Array.from({ length: 100 }, (_, i) => i).filter((i) => a(i).every((u, d) => u === b(i)[d]!));
    expect(same.length).toBeLessThanOrEqual(1); // Sobol shifts keep no point fixed except by chance
  });

  it('uniform: coordinates look uniform and uncorrelated across dimensions', () => {
    const s = createPointSampler({ kind: 'uniform', seed: 3, count: 20_000, dims: 2 });
    const bins = new Array<number>(10).fill(0);
    let cross = 0;
    for (let i = 0; i < 20_000; i++) {
      const [x, y] = s(i) as [number, number];
      bins[Math.floor(x * 10)]!++;
      cross += (x - 0.5) * (y - 0.5);
    }
    for (const n of bins) expect(Math.abs(n - 2000)).toBeLessThan(200); // ~4.7 sigma
    expect(Math.abs(cross / 20_000)).toBeLessThan(0.005);
  });

  it('sobol: seed 0 gives the standard first points (Joe & Kuo / SciPy order)', () => {
    const s = createPointSampler({ kind: 'sobol', seed: 0, count: 8, dims: 3 });
    expect(Array.from({ length: 8 }, (_, i) => s(i))).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]);
  });

  it('sobol: direction numbers follow the Joe & Kuo recurrence', () => {
    // Dimension 2 (x + 1): m_k = 2 m_(k-1) XOR m_(k-1) gives 1, 3, 5, 15, 17, 51, 85, 255.
    const v = directionNumbers(1).slice(0, 8).map((x, k) => x / 2 ** (31 - k));
    expect(v).toEqual([1, 3, 5, 15, 17, 51, 85, 255]);
    expect(directionNumbers(0).slice(0, 3)).toEqual([2 ** 31, 2 ** 30, 2 ** 29]);
  });

  it('sobol: each of the first 2^m points sits in its own 1/2^m slice in every dimension', () => {
    const m = 8;
    const s = createPointSampler({ kind: 'sobol', seed: 0, count: 2 ** m, dims: SOBOL_MAX_DIMS });
    for (let d = 0; d < SOBOL_MAX_DIMS; d++) {
      const slices = new Set(Array.from({ length: 2 ** m }, (_, i) => Math.floor(s(i)[d]! * 2 ** m)));
      expect(slices.size).toBe(2 ** m);
    }
  });

  it('sobol: the digital shift keeps the net property', () => {
    const s = createPointSampler({ kind: 'sobol', seed: 77, count: 64, dims: 2 });
    // (0, 6, 2)-net: every 8 x 8 cell of the first 64 points holds exactly one point.
    const cells = new Set(Array.from({ length: 64 }, (_, i) => s(i).map((u) => Math.floor(u * 8)).join(',')));
    expect(cells.size).toBe(64);
  });

  it('latin-hypercube: each of the count strata is hit exactly once per dimension', () => {
    for (const count of [1, 2, 7, 100, 257, 1000]) {
      const s = createPointSampler({ kind: 'latin-hypercube', seed: 5, count, dims: 4 });
      const points = Array.from({ length: count }, (_, i) => s(i));
      for (let d = 0; d < 4; d++) {
        const strata = points.map((p) => Math.floor(p[d]! * count)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: count }, (_, k) => k));
      }
    }
  });

  it('latin-hypercube: permutations differ by dimension and by seed', () => {
    const order = (seed: number, dim: number) => Array.from({ length: 50 }, (_, i) => stratumPermutation(seed, 50, dim)(i)).join();
    expect(order(1, 0)).not.toBe(order(1, 1));
    expect(order(1, 0)).not.toBe(order(2, 0));
  });

  it('the keyed Feistel permutation is a bijection on [0, size)', () => {
    for (const size of [1, 2, 3, 4, 5, 64, 65, 4097]) {
      const perm = indexPermutation(size, [1, 2, 3, 4, 5, 6]);
      const image = new Set(Array.from({ length: size }, (_, i) => perm(i)));
      expect(image.size).toBe(size);
      expect(Math.max(...image)).toBe(size - 1);
    }
  });

  it('grid: mixed-radix cell midpoints, last dimension fastest', () => {
    const s = createPointSampler({ kind: 'grid', seed: 0, count: 6, dims: 2, levels: [3, 2] });
    const cells = Array.from({ length: 6 }, (_, i) => s(i).map((u, d) => Math.floor(u * [3, 2][d]!)));
    expect(cells).toEqual([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
  });

  it('rejects indices outside the campaign', () => {
    const s = createPointSampler({ kind: 'sobol', seed: 0, count: 10, dims: 2 });
    expect(() => s(10)).toThrow(RangeError);
    expect(() => s(-1)).toThrow(RangeError);
    expect(() => s(1.5)).toThrow(RangeError);
  });
});
