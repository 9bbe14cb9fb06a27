// Figures of a signal map that accuracy checks compare: Bz peak-to-peak and the Bx peak, and how
// a map agrees with a reference map (campaign verification samples, the solver benches).

import { pearson, percentFrom } from './statistics';
import type { SensorGridSpec } from '../../domain/defect';

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

/** How a map agrees with a reference map of the same grid (the reference is the base of the differences). */
export interface MapAgreement {
  map: MapFigures;
  reference: MapFigures;
  /** (map - reference) / reference in percent; null where the reference figure is 0. */
  bzPeakToPeakDiffPercent: number | null;
  bxPeakDiffPercent: number | null;
  /** Pearson correlation per channel (Bx, By, Bz); null where either map's channel is constant. */
  correlation: { bx: number | null; by: number | null; bz: number | null };
}

export function mapAgreement(map: ArrayLike<number>, reference: ArrayLike<number>, grid: SensorGridSpec): MapAgreement {
  const size = 3 * grid.axialCount * grid.circumferentialCount;
  if (map.length !== size || reference.length !== size) throw new RangeError(`mapAgreement: maps of ${map.length} and ${reference.length} values, the grid needs ${size}`);
  const figures = mapFigures(map, grid);
  const ref = mapFigures(reference, grid);
  const diff = (value: number, base: number): number | null => (base === 0 ? null : percentFrom(value, base));
  const corr = (c: 0 | 1 | 2): number | null => {
    const r = pearson(channel(map, grid, c), channel(reference, grid, c));
    return Number.isFinite(r) ? r : null;
  };
  return {
    map: figures,
    reference: ref,
    bzPeakToPeakDiffPercent: diff(figures.bzPeakToPeakMt, ref.bzPeakToPeakMt),
    bxPeakDiffPercent: diff(figures.bxPeakMt, ref.bxPeakMt),
    correlation: { bx: corr(0), by: corr(1), bz: corr(2) },
  };
}
