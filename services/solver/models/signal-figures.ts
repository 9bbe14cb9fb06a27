// Figures of a signal map that accuracy checks compare: Bz peak-to-peak and the Bx peak.

import type { SensorGridSpec } from './types';

export interface MapFigures {
  /** Bz maximum minus minimum over the sensor grid (mT). */
  bzPeakToPeakMt: number;
  /** Largest |Bx| of the leakage map (mT). */
  bxPeakMt: number;
}

/** The channel plane c (0 Bx, 1 By, 2 Bz) of a [3][axial][circumferential] map. */
export function channel(data: ArrayLike<number>, grid: SensorGridSpec, c: 0 | 1 | 2): Float64Array {
  const plane = grid.axialCount * grid.circumferentialCount;
  return Float64Array.from({ length: plane }, (_, p) => data[c * plane + p]!);
}

export function mapFigures(data: ArrayLike<number>, grid: SensorGridSpec): MapFigures {
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const v of channel(data, grid, 2)) {
    zmin = Math.min(zmin, v);
    zmax = Math.max(zmax, v);
  }
  let xpk = 0;
  for (const v of channel(data, grid, 0)) xpk = Math.max(xpk, Math.abs(v));
  return { bzPeakToPeakMt: (zmax - zmin) * 1e3, bxPeakMt: xpk * 1e3 };
}
