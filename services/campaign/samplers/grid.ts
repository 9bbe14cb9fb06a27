// Full-factorial grid: a mixed-radix decomposition of the index over each dimension's number of
// levels, the last dimension varying fastest. Coordinates are cell midpoints, (k + 0.5) / n, so
// mapping back with floor(u * n) recovers level k exactly despite rounding.
import type { PointSampler } from './types';

export function gridSampler(levels: readonly number[]): PointSampler {
  for (const n of levels) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`grid levels must be integers >= 1 (got ${n})`);
  }
  return (index) => {
    const u = new Array<number>(levels.length);
    let rest = index;
    for (let d = levels.length - 1; d >= 0; d--) {
      const n = levels[d]!;
      u[d] = ((rest % n) + 0.5) / n;
      rest = Math.floor(rest / n);
    }
    return u;
  };
}
