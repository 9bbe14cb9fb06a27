// Statistics that accuracy checks share: the calibration script, the solver benches and the
// verification of campaign samples against a reference solver.

/**
 * Quantile q in [0, 1] of values by the nearest-rank rule: the smallest value with at least
 * q of the values at or below it (the median of 4 values is the 2nd, p95 of 200 is the 190th).
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile: no values');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Pearson correlation of two equally long series; NaN where either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length || n === 0) throw new RangeError(`pearson: lengths ${a.length} and ${b.length} must match and be > 0`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Signed difference in percent of `value` from `reference`. */
export const percentFrom = (value: number, reference: number): number => (100 * (value - reference)) / reference;
