// A defect's metal loss as the area-average depth over each cell of a regular grid: what a
// campaign's `defects` array stores, on the cells of its sensor grid, so a signal map and its
// geometry line up pixel by pixel. Exact for every defect type: a depth map is constant per cell,
// so each target cell takes the overlap-weighted mean of the source cells it covers; a box is
// constant over its footprint; a semi-ellipsoid is integrated in closed form.

import type { DefectCase, DepthMapGrid, SensorGridSpec } from './defect';
import { axialEdgesMm, circumferentialEdgesMm } from './depth-map';

/** A regular grid of cells centred on x = y = 0, as DepthMapGrid lays out its cells. */
export type CellGrid = Pick<DepthMapGrid, 'axialPitchMm' | 'circumferentialPitchMm' | 'axialCount' | 'circumferentialCount'>;

/**
 * The cells of a sensor grid: one pitch x pitch cell around each sensor. Sensor i sits at
 * (i - (n - 1) / 2) * pitch, so its cell is [(i - n/2) p, (i + 1 - n/2) p]: DepthMapGrid's cell i.
 */
export function sensorCells(grid: SensorGridSpec): CellGrid {
  return {
    axialPitchMm: grid.axialPitchMm,
    circumferentialPitchMm: grid.circumferentialPitchMm,
    axialCount: grid.axialCount,
    circumferentialCount: grid.circumferentialCount,
  };
}

function checkGrid(grid: CellGrid, what: string): void {
  for (const key of ['axialPitchMm', 'circumferentialPitchMm'] as const) {
    if (!(Number.isFinite(grid[key]) && grid[key] > 0)) throw new RangeError(`${what}.${key}: must be a finite number > 0, got ${grid[key]}`);
  }
  for (const key of ['axialCount', 'circumferentialCount'] as const) {
    if (!(Number.isInteger(grid[key]) && grid[key] > 0)) throw new RangeError(`${what}.${key}: must be an integer > 0, got ${grid[key]}`);
  }
}

/** Per target cell, the source cells it overlaps and the share of the target cell's width each covers. */
interface Overlap {
  source: number[];
  share: number[];
}

function overlaps(sourceEdges: readonly number[], targetEdges: readonly number[]): Overlap[] {
  const out: Overlap[] = [];
  let s = 0;
  for (let t = 0; t + 1 < targetEdges.length; t++) {
    const t0 = targetEdges[t]!;
    const t1 = targetEdges[t + 1]!;
    const width = t1 - t0;
    while (s + 1 < sourceEdges.length && sourceEdges[s + 1]! <= t0) s++;
    const o: Overlap = { source: [], share: [] };
    for (let k = s; k + 1 < sourceEdges.length && sourceEdges[k]! < t1; k++) {
      const covered = Math.min(t1, sourceEdges[k + 1]!) - Math.max(t0, sourceEdges[k]!);
      if (covered > 0) {
        o.source.push(k);
        o.share.push(covered / width);
      }
    }
    out.push(o);
  }
  return out;
}

/**
 * The depth map resampled onto `target`: each target cell holds the mean depth over its area (0
 * outside the map). The volume of metal loss within the target's extent is kept exactly, and a
 * map on its own grid comes back with the same depths.
 */
export function resampleDepthMap(map: DepthMapGrid, target: CellGrid): DepthMapGrid {
  checkGrid(map, 'depthMap');
  checkGrid(target, 'target');
  if (map.depthsMm.length !== map.axialCount * map.circumferentialCount) {
    throw new RangeError(`depthMap.depthsMm: must hold axialCount x circumferentialCount = ${map.axialCount * map.circumferentialCount} values, got ${map.depthsMm.length}`);
  }
  const ax = overlaps(axialEdgesMm(map), axialEdgesMm(target));
  const circ = overlaps(circumferentialEdgesMm(map), circumferentialEdgesMm(target));
  const depthsMm = new Float64Array(target.axialCount * target.circumferentialCount);
  for (let i = 0; i < target.axialCount; i++) {
    const a = ax[i]!;
    if (a.source.length === 0) continue;
    for (let j = 0; j < target.circumferentialCount; j++) {
      const c = circ[j]!;
      let sum = 0;
      for (let p = 0; p < a.source.length; p++) {
        const row = a.source[p]! * map.circumferentialCount;
        let line = 0;
        for (let q = 0; q < c.source.length; q++) line += c.share[q]! * map.depthsMm[row + c.source[q]!]!;
        sum += a.share[p]! * line;
      }
      depthsMm[i * target.circumferentialCount + j] = sum;
    }
  }
  return { ...target, depthsMm };
}

/** Length of [a0, a1] ∩ [b0, b1]. */
function overlapLength(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * ∫_0^X ∫_0^Y sqrt(1 - x² - y²) dy dx over the unit disk (0 outside it), for X, Y in [0, 1]: the
 * unit hemisphere's volume over a rectangle with a corner at the centre. For x below
 * k = sqrt(1 - Y²) the strip [0, Y] lies inside the disk and the inner integral is
 * (Y sqrt(c² - Y²) + c² asin(Y / c)) / 2 with c² = 1 - x², whose integral over x is `below`;
 * beyond k the strip covers the whole quarter chord, π c² / 4.
 */
function hemisphereCorner(X: number, Y: number): number {
  if (X <= 0 || Y <= 0) return 0;
  const k = Math.sqrt(Math.max(0, 1 - Y * Y));
  const asin = (v: number): number => Math.asin(Math.min(1, v));
  const below = (x: number): number => {
    if (k === 0) return 0;
    const r = Math.sqrt(Math.max(0, k * k - x * x));
    const p = x - (x * x * x) / 3;
    return (Y * x * r) / 3 + ((Y * (k * k + 2)) / 6) * asin(x / k) + (p / 2) * asin(Y / Math.sqrt(1 - x * x)) - Math.atan2(x * Y, r) / 3;
  };
  const cap = (x: number): number => (Math.PI / 4) * (x - (x * x * x) / 3);
  return below(Math.min(X, k)) + (X > k ? cap(X) - cap(k) : 0);
}

/** Signed version of hemisphereCorner for any X, Y (odd in each). */
function hemisphereSigned(X: number, Y: number): number {
  return Math.sign(X) * Math.sign(Y) * hemisphereCorner(Math.min(1, Math.abs(X)), Math.min(1, Math.abs(Y)));
}

/** ∫∫ sqrt(1 - x² - y²) over [x0, x1] x [y0, y1] ∩ the unit disk. */
export function hemisphereOverRectangle(x0: number, x1: number, y0: number, y1: number): number {
  return hemisphereSigned(x1, y1) - hemisphereSigned(x0, y1) - hemisphereSigned(x1, y0) + hemisphereSigned(x0, y0);
}

/**
 * The defect's metal loss as the mean depth (mm) over each cell of `grid`, measured from the
 * surface the defect is on (its `side`). Exact: a rectangular defect is a box of its length, width
 * and depth; a rounded one the semi-ellipsoid depth sqrt(1 - (2x/L)² - (2y/W)²) of
 * parametricDepthMap; a depth map is resampled (resampleDepthMap).
 */
export function rasteriseDefect(d: DefectCase, grid: CellGrid): DepthMapGrid {
  if (d.profile === 'depth-map') return resampleDepthMap(d.depthMap, grid);
  checkGrid(grid, 'target');
  const depth = (d.defectDepthPercent / 100) * d.wallThicknessMm;
  const a = d.defectLengthMm / 2;
  const b = d.defectWidthMm / 2;
  const depthsMm = new Float64Array(grid.axialCount * grid.circumferentialCount);
  const out = { ...grid, depthsMm };
  if (!(depth > 0 && a > 0 && b > 0)) return out;
  const xs = axialEdgesMm(grid);
  const ys = circumferentialEdgesMm(grid);
  const cellArea = grid.axialPitchMm * grid.circumferentialPitchMm;
  for (let i = 0; i < grid.axialCount; i++) {
    const x0 = xs[i]!;
    const x1 = xs[i + 1]!;
    for (let j = 0; j < grid.circumferentialCount; j++) {
      const y0 = ys[j]!;
      const y1 = ys[j + 1]!;
      const volume =
        d.profile === 'rounded'
          ? depth * a * b * hemisphereOverRectangle(x0 / a, x1 / a, y0 / b, y1 / b)
          : depth * overlapLength(x0, x1, -a, a) * overlapLength(y0, y1, -b, b);
      depthsMm[i * grid.circumferentialCount + j] = volume / cellArea;
    }
  }
  return out;
}
