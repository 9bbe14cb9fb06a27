// Pure geometry of depth-map defects (defect.ts: DepthMapGrid): where the metal loss is, its
// symmetry, and the variations a scan campaign applies (mirror, 180 degree rotation, scaling).

import type { DefectCase, DefectSide, DepthMapDefectCase, DepthMapGrid } from './defect';

/** Depth (mm) of the cell (i, j). */
export function cellDepth(map: DepthMapGrid, i: number, j: number): number {
  return map.depthsMm[i * map.circumferentialCount + j]!;
}

/** Axial edges (mm) of the cells: axialCount + 1 values, centred on 0. */
export function axialEdgesMm(map: Pick<DepthMapGrid, 'axialPitchMm' | 'axialCount'>): number[] {
  return Array.from({ length: map.axialCount + 1 }, (_, i) => (i - map.axialCount / 2) * map.axialPitchMm);
}

/** Circumferential edges (mm) of the cells: circumferentialCount + 1 values, centred on 0. */
export function circumferentialEdgesMm(map: Pick<DepthMapGrid, 'circumferentialPitchMm' | 'circumferentialCount'>): number[] {
  return Array.from({ length: map.circumferentialCount + 1 }, (_, j) => (j - map.circumferentialCount / 2) * map.circumferentialPitchMm);
}

/** Depth (mm) at (x, y) mm; 0 outside the grid. A point on a cell edge belongs to the cell above it. */
export function depthAtMm(map: DepthMapGrid, xMm: number, yMm: number): number {
  const i = Math.floor(xMm / map.axialPitchMm + map.axialCount / 2);
  const j = Math.floor(yMm / map.circumferentialPitchMm + map.circumferentialCount / 2);
  if (i < 0 || j < 0 || i >= map.axialCount || j >= map.circumferentialCount) return 0;
  return cellDepth(map, i, j);
}

/** Cell index ranges [i0, i1) x [j0, j1) holding every cell with metal loss; undefined when none has. */
export function lossCells(map: DepthMapGrid): { i0: number; i1: number; j0: number; j1: number } | undefined {
  let i0 = Infinity;
  let i1 = -Infinity;
  let j0 = Infinity;
  let j1 = -Infinity;
  for (let i = 0; i < map.axialCount; i++) {
    for (let j = 0; j < map.circumferentialCount; j++) {
      if (cellDepth(map, i, j) > 0) {
        i0 = Math.min(i0, i);
        i1 = Math.max(i1, i + 1);
        j0 = Math.min(j0, j);
        j1 = Math.max(j1, j + 1);
      }
    }
  }
  return i0 === Infinity ? undefined : { i0, i1, j0, j1 };
}

/** Extent (mm) of the cells with metal loss, and the deepest cell. */
export function lossExtent(map: DepthMapGrid): { lengthMm: number; widthMm: number; maxDepthMm: number } {
  const cells = lossCells(map);
  let maxDepthMm = 0;
  for (let k = 0; k < map.depthsMm.length; k++) maxDepthMm = Math.max(maxDepthMm, map.depthsMm[k]!);
  if (!cells) return { lengthMm: 0, widthMm: 0, maxDepthMm };
  return { lengthMm: (cells.i1 - cells.i0) * map.axialPitchMm, widthMm: (cells.j1 - cells.j0) * map.circumferentialPitchMm, maxDepthMm };
}

/** Largest |depth difference| (mm) between the map and its mirror image across x = 0 and y = 0. */
export function mirrorAsymmetryMm(map: DepthMapGrid): number {
  let worst = 0;
  const na = map.axialCount;
  const nc = map.circumferentialCount;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nc; j++) {
      const d = cellDepth(map, i, j);
      worst = Math.max(worst, Math.abs(d - cellDepth(map, na - 1 - i, j)), Math.abs(d - cellDepth(map, i, nc - 1 - j)));
    }
  }
  return worst;
}

/** True when the map is its own mirror image across both x = 0 and y = 0 (to 1e-9 mm). */
export function isMirrorSymmetric(map: DepthMapGrid): boolean {
  return mirrorAsymmetryMm(map) <= 1e-9;
}

function remap(map: DepthMapGrid, cell: (i: number, j: number) => number): DepthMapGrid {
  const depthsMm = new Float64Array(map.axialCount * map.circumferentialCount);
  for (let i = 0; i < map.axialCount; i++) for (let j = 0; j < map.circumferentialCount; j++) depthsMm[i * map.circumferentialCount + j] = cell(i, j);
  return { ...map, depthsMm };
}

/** The mirror image across x = 0 (axis 'axial') or y = 0 (axis 'circumferential'). */
export function mirrorDepthMap(map: DepthMapGrid, axis: 'axial' | 'circumferential'): DepthMapGrid {
  const na = map.axialCount;
  const nc = map.circumferentialCount;
  return remap(map, axis === 'axial' ? (i, j) => cellDepth(map, na - 1 - i, j) : (i, j) => cellDepth(map, i, nc - 1 - j));
}

/** The map turned by 180 degrees about the defect's centre (both mirrors). */
export function rotateDepthMap180(map: DepthMapGrid): DepthMapGrid {
  return mirrorDepthMap(mirrorDepthMap(map, 'axial'), 'circumferential');
}

/** Lengths scaled by the pitches (the cells keep their count), depths by `depth`. */
export function scaleDepthMap(map: DepthMapGrid, scale: { length: number; width: number; depth: number }): DepthMapGrid {
  const depthsMm = Float64Array.from({ length: map.depthsMm.length }, (_, k) => map.depthsMm[k]! * scale.depth);
  return {
    axialPitchMm: map.axialPitchMm * scale.length,
    circumferentialPitchMm: map.circumferentialPitchMm * scale.width,
    axialCount: map.axialCount,
    circumferentialCount: map.circumferentialCount,
    depthsMm,
  };
}

/** A depth-map defect whose length, width and depth% are those of its metal loss. */
export function depthMapDefect(base: { backgroundFieldKAPerM: number; wallThicknessMm: number; side: DefectSide }, depthMap: DepthMapGrid): DepthMapDefectCase {
  const extent = lossExtent(depthMap);
  return {
    ...base,
    profile: 'depth-map',
    defectLengthMm: extent.lengthMm,
    defectWidthMm: extent.widthMm,
    defectDepthPercent: (100 * extent.maxDepthMm) / base.wallThicknessMm,
    depthMap,
  };
}

/**
 * A parametric defect sampled on a grid of the given pitches covering its footprint: each cell
 * takes the depth at its centre. A box whose sides are whole multiples of the pitches is exact.
 */
export function parametricDepthMap(d: DefectCase, axialPitchMm: number, circumferentialPitchMm: number): DepthMapGrid {
  const axialCount = Math.max(1, Math.round(d.defectLengthMm / axialPitchMm));
  const circumferentialCount = Math.max(1, Math.round(d.defectWidthMm / circumferentialPitchMm));
  const depth = (d.defectDepthPercent / 100) * d.wallThicknessMm;
  const a = d.defectLengthMm / 2;
  const b = d.defectWidthMm / 2;
  const depthsMm = new Float64Array(axialCount * circumferentialCount);
  for (let i = 0; i < axialCount; i++) {
    const x = (i + 0.5 - axialCount / 2) * axialPitchMm;
    for (let j = 0; j < circumferentialCount; j++) {
      const y = (j + 0.5 - circumferentialCount / 2) * circumferentialPitchMm;
      const r = d.profile === 'rounded' ? (x / a) ** 2 + (y / b) ** 2 : 0;
      depthsMm[i * circumferentialCount + j] = d.profile === 'depth-map' ? depthAtMm(d.depthMap, x, y) : r >= 1 ? 0 : depth * Math.sqrt(1 - r);
    }
  }
  return { axialPitchMm, circumferentialPitchMm, axialCount, circumferentialCount, depthsMm };
}

/**
 * A defect's scalar parameters (a catalog row's params): a depth map is summarised by its extent
 * and depth, which the defect already carries, and its grid's shape and pitch.
 */
export function defectParams(d: DefectCase): Record<string, string | number> {
  if (d.profile !== 'depth-map') return { ...d };
  const { depthMap, ...scalars } = d;
  return {
    ...scalars,
    depthMapAxialPitchMm: depthMap.axialPitchMm,
    depthMapCircumferentialPitchMm: depthMap.circumferentialPitchMm,
    depthMapAxialCount: depthMap.axialCount,
    depthMapCircumferentialCount: depthMap.circumferentialCount,
  };
}
