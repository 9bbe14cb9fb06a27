// The verification bench's extrapolation and statistics, on data with known answers.

import { extrapolate, pearson, quantile } from '../../bench/solver/convergence';

describe('Richardson extrapolation over a refinement ladder', () => {
  const h = [2, Math.SQRT2, 1, Math.SQRT1_2, 0.5];

  it('recovers the limit and the order of v = v_inf + C h^p', () => {
    for (const p of [1, 2, 3]) {
      const e = extrapolate(h, h.map((x) => 50 + 3 * x ** p));
      expect(e.method).toBe('richardson');
      expect(e.observedOrder!).toBeCloseTo(p, 8);
      expect(e.converged).toBeCloseTo(50, 8);
    }
  });

  it('falls back to a least-squares fit with order 2 when the finest levels are not monotone', () => {
    const e = extrapolate(h, [51, 50.2, 50.5, 50.1, 50.2]);
    expect(e.observedOrder).toBeNull();
    expect(e.method).toBe('least-squares-order-2');
    expect(e.converged).toBeGreaterThan(49.5);
    expect(e.converged).toBeLessThan(50.6);
  });

  it('rejects ladders whose finest spacings do not have a constant ratio', () => {
    expect(() => extrapolate([3, 2, 1], [1, 2, 3])).toThrow(/constant ratio/);
  });
});

describe('bench statistics', () => {
  it('correlates identical maps at 1 and opposite ones at -1', () => {
    expect(pearson([1, 2, 3, 5], [1, 2, 3, 5])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 5], [-1, -2, -3, -5])).toBeCloseTo(-1, 12);
  });
  it('takes nearest-rank quantiles', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.95)).toBe(5);
  });
});
