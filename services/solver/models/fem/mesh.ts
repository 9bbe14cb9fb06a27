// Graded structured hexahedral mesh of the MFL problem (lengths in metres from here on).
//
// Node coordinates are tensor products of three 1D axes. Every geometric feature is a node plane:
// defect edges (x = +-L/2, y = +-W/2), defect bottom, both wall surfaces, and the sensor plane
// z = liftOff, so that element materials are exact for rectangular defects and the sensor field is
// read on a node plane. The core (defect and sensor footprint) is uniform; outside it cell sizes
// grow geometrically up to the truncation boundary.
//
// Symmetry: every defect here is centred and mirror-symmetric in x and y, and the total potential
// phi = -H0 x + phi_p has phi_p odd in x and even in y (the problem is invariant under y -> -y, and
// under x -> -x combined with phi -> -phi). The "quarter" mesh therefore covers x >= 0, y >= 0 with
// phi = 0 on x = 0 (Dirichlet, as on the outer x face) and zero normal flux on y = 0 (natural);
// sensors.ts mirrors the map back. The "full" mesh covers the whole domain (used by tests to check
// the symmetry the quarter model assumes).

import type { DefectCase, DepthMapDefectCase, ParametricDefectCase, SensorGridSpec } from '../../../domain/defect';
import { axialEdgesMm, cellDepth, circumferentialEdgesMm, lossCells } from '../../../domain/depth-map';
import type { MeshPreset } from './presets';
import { CURVED_SURFACE_REFINEMENT, MIN_MARGIN_MM, REFERENCE_EXTENT_MM, REFERENCE_LIFT_OFF_MM } from './presets';

export type Symmetry = 'quarter' | 'full';

/** Element material codes of ElementMaterials.steel. */
export const AIR = 0;
export const STEEL = 1;
/** An element that the defect surface cuts: a steel/air laminate (ElementMaterials.cut, laminate.ts). */
export const CUT = 2;

/**
 * Material of every element: AIR, STEEL, or CUT. A cut element's entry is [f, nx, ny, nz]: its steel
 * volume fraction and the unit normal of the surface inside it (either orientation).
 */
export interface ElementMaterials {
  readonly steel: Uint8Array;
  readonly cut: ReadonlyMap<number, Float64Array>;
}

export interface FemMesh extends ElementMaterials {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  /** Index of the z node plane at the sensor lift-off. */
  readonly sensorK: number;
  readonly symmetry: Symmetry;
  /** Wall thickness (m). */
  readonly wallT: number;
}

const MM = 1e-3;
/** Sub-cells per axis of the sampling of a cut element's volume and faces, each with 2 x 2 Gauss points. */
const CUT_SUBCELLS = 4;
const GAUSS = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)] as const;
/** Least width (mm) of the finely meshed band beyond the defect edges. */
const BAND_MIN_MM = 4;

/** Sorted unique breakpoints (merging those closer than tol), each segment split into cells <= h. */
function uniformThrough(breaks: number[], h: number): number[] {
  const sorted = [...breaks].sort((a, b) => a - b);
  const pts: number[] = [];
  for (const p of sorted) if (pts.length === 0 || p - pts[pts.length - 1]! > 1e-3 * h) pts.push(p);
  const out: number[] = [pts[0]!];
  for (let s = 0; s + 1 < pts.length; s++) {
    const a = pts[s]!;
    const b = pts[s + 1]!;
    const n = Math.max(1, Math.ceil((b - a) / h - 1e-6));
    for (let i = 1; i <= n; i++) out.push(a + ((b - a) * i) / n);
  }
  return out;
}

/** Nodes after `start` growing away from it (dir +1 / -1) from size h0 by `ratio` over `length`. */
function graded(start: number, h0: number, ratio: number, length: number, dir: 1 | -1): number[] {
  const out: number[] = [];
  let pos = 0;
  let h = h0 * ratio;
  while (pos + h < length) {
    pos += h;
    out.push(start + dir * pos);
    h *= ratio;
  }
  // Close on the boundary; merge a sliver last cell into the previous one.
  if (out.length > 0 && length - pos < 0.5 * (h / ratio)) out.pop();
  out.push(start + dir * length);
  return out;
}

function mirror(half: number[]): Float64Array {
  const neg = half.slice(1).map((v) => -v).reverse();
  return Float64Array.from([...neg, ...half]);
}

/**
 * Half-axis (from 0): spacing hEdge through the defect and `band` beyond its edge (the leakage
 * field varies fastest there), then cells growing by `ratio` out to the truncation boundary
 * coreEnd + margin. Sensors beyond the band sit in graded cells: the field there is smooth and
 * small, and the recovered-gradient read-out (sensors.ts) interpolates it to high order.
 */
function halfAxis(edge: number, hEdge: number, band: number, coreEnd: number, ratio: number, margin: number): number[] {
  const bandEnd = Math.min(coreEnd, edge + band);
  const fine = uniformThrough([0, edge, bandEnd].filter((v, i) => i === 0 || v > 0), hEdge);
  return [...fine, ...graded(bandEnd, hEdge, ratio, coreEnd + margin - bandEnd, 1)];
}

/** The finest any refinement factor makes a preset's spacing near the defect. */
const MIN_REFINEMENT = 0.25;

/**
 * Factor (1/4 to 1) on a preset's spacing near the defect: the leakage field's length scale at
 * the sensors is the lift-off and, for small defects, the defect's extent on that axis, so both
 * below the preset's reference values (REFERENCE_LIFT_OFF_MM, REFERENCE_EXTENT_MM) refine in
 * proportion. A factor, not a floor in mm, so that every preset and refinement level scales alike.
 */
export function edgeRefinement(liftOffMm: number, extentMm: number): number {
  return Math.max(MIN_REFINEMENT, Math.min(1, liftOffMm / REFERENCE_LIFT_OFF_MM, extentMm / REFERENCE_EXTENT_MM));
}

export function domainMargin(coreExtent: number): number {
  return Math.max(MIN_MARGIN_MM * MM, 2 * coreExtent);
}

/**
 * The z axis (m, ascending) around the wall's node planes `wall` (-t .. 0): the air gap up to the
 * sensor plane at lift-off, and cells growing by the preset's ratio to the truncation boundaries
 * above and below; sensorK is the index of the sensor plane.
 */
function zAxis(wall: number[], t: number, hzWall: number, lift: number, p: MeshPreset, lScale: number, core: number): { z: Float64Array; sensorK: number } {
  const gapH = Math.min(p.hzGap * MM * lScale, lift / 2);
  const gap = uniformThrough([0, lift], gapH).slice(1);
  const marginZ = domainMargin(core);
  const above = graded(lift, gapH, p.ratio, marginZ, 1);
  const below = graded(-t, hzWall, p.ratio, marginZ, -1).reverse();
  return { z: Float64Array.from([...below, ...wall, ...gap, ...above]), sensorK: below.length + wall.length + gap.length - 1 };
}

/** Depth (m, >= 0) of the defect at (x, y); 0 outside its footprint. */
export function defectDepthAt(d: ParametricDefectCase, x: number, y: number): number {
  const a = (d.defectLengthMm / 2) * MM;
  const b = (d.defectWidthMm / 2) * MM;
  const depth = (d.defectDepthPercent / 100) * d.wallThicknessMm * MM;
  if (Math.abs(x) >= a || Math.abs(y) >= b) return 0;
  if (d.profile === 'rectangular') return depth;
  // "rounded": semi-ellipsoidal pit, elliptical footprint and elliptical depth profile.
  const r = (x / a) ** 2 + (y / b) ** 2;
  return r >= 1 ? 0 : depth * Math.sqrt(1 - r);
}

export function buildMesh(d: DefectCase, grid: SensorGridSpec, p: MeshPreset, symmetry: Symmetry): FemMesh {
  if (d.profile === 'depth-map') return buildDepthMapMesh(d, grid, p, symmetry);
  const t = d.wallThicknessMm * MM;
  const a = (d.defectLengthMm / 2) * MM;
  const b = (d.defectWidthMm / 2) * MM;
  const depth = (d.defectDepthPercent / 100) * t;
  const sx = ((grid.axialCount - 1) / 2) * grid.axialPitchMm * MM;
  const sy = ((grid.circumferentialCount - 1) / 2) * grid.circumferentialPitchMm * MM;
  const lift = grid.liftOffMm * MM;
  const coreX = Math.max(a, sx, 2 * t);
  const coreY = Math.max(b, sy, 2 * t);

  const curved = d.profile === 'rectangular' ? 1 : CURVED_SURFACE_REFINEMENT;
  // The curved-surface factor and the lift-off/extent factor compound, down to the same floor.
  const near = (extentMm: number): number => Math.max(MIN_REFINEMENT, curved * edgeRefinement(grid.liftOffMm, extentMm));
  const lScale = edgeRefinement(grid.liftOffMm, Infinity);
  // Fixed in mm (not scaled with the preset), so that refinement levels share their geometry.
  const band = Math.max(2 * lift, t / 2, BAND_MIN_MM * MM);
  const xs = halfAxis(a, p.hx * MM * near(d.defectLengthMm), band, coreX, p.ratio, domainMargin(coreX));
  const ys = halfAxis(b, p.hy * MM * near(d.defectWidthMm), band, coreY, p.ratio, domainMargin(coreY));
  const x = symmetry === 'quarter' ? Float64Array.from(xs) : mirror(xs);
  const y = symmetry === 'quarter' ? Float64Array.from(ys) : mirror(ys);

  const hzWall = p.hzWall * MM * lScale;
  const wallBreaks = [-t, 0];
  if (depth > 0 && depth < t) wallBreaks.push(d.side === 'near' ? -depth : -t + depth);
  const { z, sensorK } = zAxis(uniformThrough(wallBreaks, hzWall), t, hzWall, lift, p, lScale, Math.max(coreX, coreY));

  const nx = x.length;
  const ny = y.length;
  const nz = z.length;
  const steel = new Uint8Array((nx - 1) * (ny - 1) * (nz - 1));
  const cut = new Map<number, Float64Array>();
  for (let i = 0; i < nx - 1; i++) {
    const xc = 0.5 * (x[i]! + x[i + 1]!);
    for (let j = 0; j < ny - 1; j++) {
      const yc = 0.5 * (y[j]! + y[j + 1]!);
      // Columns that a curved defect surface may cross get a quadrature that follows the surface;
      // every other element is uniform (box defects: all faces are node planes).
      const crossed = d.profile !== 'rectangular' && Math.min(Math.abs(x[i]!), Math.abs(x[i + 1]!)) < a && Math.min(Math.abs(y[j]!), Math.abs(y[j + 1]!)) < b;
      const dd = defectDepthAt(d, xc, yc);
      for (let k = 0; k < nz - 1; k++) {
        const zc = 0.5 * (z[k]! + z[k + 1]!);
        if (zc <= -t || zc >= 0) continue;
        const e = k + (nz - 1) * (j + (ny - 1) * i);
        if (crossed) {
          const q = cutGeometry(d, t, [x[i]!, x[i + 1]!], [y[j]!, y[j + 1]!], [z[k]!, z[k + 1]!]);
          if (q === AIR || q === STEEL) steel[e] = q;
          else {
            steel[e] = CUT;
            cut.set(e, q);
          }
          continue;
        }
        const inDefect = dd > 0 && (d.side === 'near' ? zc > -dd : zc < -t + dd);
        if (!inDefect) steel[e] = STEEL;
      }
    }
  }
  return { x, y, z, steel, cut, sensorK, symmetry, wallT: t };
}

/**
 * Steel fraction and interface normal of a wall element [x0, x1] x [y0, y1] x [z0, z1] that a curved
 * defect surface may cross, for the laminate law (laminate.ts). Volume fraction: in plane,
 * CUT_SUBCELLS^2 sub-cells with 2 x 2 Gauss points each; at each of them the steel part of the z
 * interval is exact (where the local depth ends). Normal: the integral of the steel indicator's
 * gradient over the element, which is the sum over its faces of (steel area x outward normal), the
 * faces sampled the same way; it is the net normal of the surface inside the element. Returns AIR or
 * STEEL when the element is not cut, else [f, nx, ny, nz].
 */
function cutGeometry(d: ParametricDefectCase, t: number, [x0, x1]: number[], [y0, y1]: number[], [z0, z1]: number[]): Float64Array | typeof AIR | typeof STEEL {
  const n = CUT_SUBCELLS;
  const hz = z1! - z0!;
  // Steel share of the segment [z0, z1] at (x, y): steel is z < -depth (near side) or z > -t + depth.
  const column = (x: number, y: number): number => {
    const dd = defectDepthAt(d, x, y);
    const zs = Math.min(z1!, Math.max(z0!, d.side === 'near' ? -dd : -t + dd));
    return d.side === 'near' ? (zs - z0!) / hz : (z1! - zs) / hz;
  };
  // Mean of fn over the unit square, and of a one-argument fn over the unit interval, by the
  // composite rule.
  const plane = (fn: (u: number, v: number) => number): number => {
    let sum = 0;
    for (let si = 0; si < n; si++) for (const gu of GAUSS) for (let sj = 0; sj < n; sj++) for (const gv of GAUSS) sum += fn((si + gu) / n, (sj + gv) / n);
    return sum / (4 * n * n);
  };
  const line = (fn: (u: number) => number): number => {
    let sum = 0;
    for (let si = 0; si < n; si++) for (const gu of GAUSS) sum += fn((si + gu) / n);
    return sum / (2 * n);
  };
  const X = (u: number): number => x0! + u * (x1! - x0!);
  const Y = (v: number): number => y0! + v * (y1! - y0!);
  const f = plane((u, v) => column(X(u), Y(v)));
  if (f >= 1 - 1e-12) return STEEL;
  if (f <= 1e-12) return AIR;
  // Steel share of a z face: the share of its points in steel.
  const zFace = (z: number): number => plane((u, v) => {
    const dd = defectDepthAt(d, X(u), Y(v));
    return (d.side === 'near' ? z < -dd : z > -t + dd) ? 1 : 0;
  });
  const gx = (line((v) => column(x1!, Y(v))) - line((v) => column(x0!, Y(v)))) * (y1! - y0!) * hz;
  const gy = (line((u) => column(X(u), y1!)) - line((u) => column(X(u), y0!))) * (x1! - x0!) * hz;
  const gz = (zFace(z1! - 1e-9 * hz) - zFace(z0! + 1e-9 * hz)) * (x1! - x0!) * (y1! - y0!);
  const norm = Math.hypot(gx, gy, gz);
  // No net normal (a surface that folds back inside the element): fall back to the wall's normal.
  return norm > 0 ? Float64Array.of(f, gx / norm, gy / norm, gz / norm) : Float64Array.of(f, 0, 0, 1);
}

/**
 * Most depth levels that get node planes of their own in a depth-map mesh: a box or a map of a few
 * levels (terraces) is then exact, like a box. With more levels the wall gets a band of finer planes
 * across the depths the map spans and each column's surface snaps to the nearest of them.
 */
const MAX_DEPTH_PLANES = 4;
/**
 * Factor on the wall's z spacing across that band. Measured on a 30 x 20 mm ramp 1 to 4.9 mm deep in
 * 2 mm cells (converged Bz p-p 44.8 mT), `standard`: with horizontal laminates in the cut elements
 * instead of snapping, factor 1 read +19 %, 1/2 +3.0 %; snapped at 1/2, +2.5 %. On a rough field
 * the laminates did not converge (fem README), the snapped surface did.
 */
const DEPTH_BAND_REFINEMENT = 0.5;
/**
 * Cells at least this fraction of the in-plane spacing are meshed cell by cell (node lines on every
 * step); finer cells are grouped into columns about this fraction of the spacing wide, each with the
 * mean depth of its cells. Measured on a 24 x 16 x 4 mm rounded pit given as 0.25 mm cells, `standard`
 * (fem README): 1/2 reads +2.0 % from the converged 25.1 mT Bz p-p at 19.9k unknowns, 1/4 +0.4 % at 39.7k.
 */
const COLUMN_FRACTION = 0.5;

/** Least number of planes across the band, so that a shallow map keeps its relief. */
const MIN_BAND_LEVELS = 8;

/**
 * Wall node planes (m, ascending): spacing hzWall, and across the band b0 < z < b1 (m) that the
 * defect surface spans hzWall x DEPTH_BAND_REFINEMENT or a 1/MIN_BAND_LEVELS of the band, the finer.
 */
function depthBandWall(t: number, hzWall: number, b0: number, b1: number): number[] {
  const outside = uniformThrough([-t, b0, b1, 0], hzWall);
  const band = uniformThrough([b0, b1], Math.min(hzWall * DEPTH_BAND_REFINEMENT, (b1 - b0) / MIN_BAND_LEVELS));
  return [...outside.filter((v) => v < b0 - 1e-12 * t), ...band, ...outside.filter((v) => v > b1 + 1e-12 * t)];
}

/**
 * An axis through `breaks` (m, any sign): spacing h from the outermost breaks out to `band` beyond
 * them, then cells growing by `ratio` to the truncation boundary coreEnd + margin. Quarter: the
 * half axis from 0 (the breaks are symmetric); full: both sides.
 */
function axisThrough(breaks: number[], h: number, band: number, coreEnd: number, ratio: number, margin: number, symmetry: Symmetry): Float64Array {
  const extent = Math.max(...breaks.map(Math.abs));
  const bandEnd = Math.min(coreEnd, extent + band);
  const outer = graded(bandEnd, h, ratio, coreEnd + margin - bandEnd, 1);
  if (symmetry === 'quarter') return Float64Array.from([...uniformThrough([0, ...breaks.filter((b) => b > 0), bandEnd], h), ...outer]);
  const fine = uniformThrough([-bandEnd, ...breaks, bandEnd], h);
  return Float64Array.from([...outer.map((v) => -v).reverse(), ...fine, ...outer]);
}

/**
 * Node lines of a depth map along one axis (m): the ends of the metal loss, and the cell edges across
 * which the depth changes, every `stride`-th edge when the cells are finer than COLUMN_FRACTION of
 * the spacing (a few-level map's columns then average `stride` cells).
 */
function depthMapBreaks(edgesMm: number[], from: number, to: number, pitchMm: number, hMm: number, changes: (edge: number) => boolean): number[] {
  const stride = Math.max(1, Math.floor((COLUMN_FRACTION * hMm) / pitchMm + 1e-9));
  const out = [edgesMm[from]! * MM, edgesMm[to]! * MM];
  for (let e = from + 1; e < to; e++) if ((e - from) % stride === 0 && changes(e)) out.push(edgesMm[e]! * MM);
  return out.sort((u, v) => u - v);
}

/** Overlap lengths of the intervals of `axis` (m) with the cells between `edgesMm`: [interval][cell]. */
function overlaps(axis: Float64Array, edgesMm: number[]): { cell: number; w: number }[][] {
  return Array.from({ length: axis.length - 1 }, (_, i) => {
    const a0 = axis[i]!;
    const a1 = axis[i + 1]!;
    const out: { cell: number; w: number }[] = [];
    for (let c = 0; c + 1 < edgesMm.length; c++) {
      const w = Math.min(a1, edgesMm[c + 1]! * MM) - Math.max(a0, edgesMm[c]! * MM);
      if (w > 0) out.push({ cell: c, w: w / (a1 - a0) });
    }
    return out;
  });
}

/**
 * Mesh of a depth-map defect: element columns in plane follow the map's cells (node lines where the
 * depth steps; cells finer than COLUMN_FRACTION of the spacing are grouped), so each column has one depth, the
 * area average of the cells it covers; across z the surface lies on a node plane (exact up to
 * MAX_DEPTH_PLANES levels, else snapped within the depth band). No element is cut. A map of a box
 * gives the box's mesh exactly.
 */
function buildDepthMapMesh(d: DepthMapDefectCase, grid: SensorGridSpec, p: MeshPreset, symmetry: Symmetry): FemMesh {
  const map = d.depthMap;
  const cells = lossCells(map);
  if (!cells) throw new RangeError('depth map has no cell with metal loss');
  const t = d.wallThicknessMm * MM;
  const xe = axialEdgesMm(map);
  const ye = circumferentialEdgesMm(map);
  const sx = ((grid.axialCount - 1) / 2) * grid.axialPitchMm * MM;
  const sy = ((grid.circumferentialCount - 1) / 2) * grid.circumferentialPitchMm * MM;
  const lift = grid.liftOffMm * MM;
  const hx = p.hx * edgeRefinement(grid.liftOffMm, d.defectLengthMm);
  const hy = p.hy * edgeRefinement(grid.liftOffMm, d.defectWidthMm);
  const xSteps = (e: number): boolean => {
    for (let j = cells.j0; j < cells.j1; j++) if (cellDepth(map, e - 1, j) !== cellDepth(map, e, j)) return true;
    return false;
  };
  const ySteps = (e: number): boolean => {
    for (let i = cells.i0; i < cells.i1; i++) if (cellDepth(map, i, e - 1) !== cellDepth(map, i, e)) return true;
    return false;
  };
  const xBreaks = depthMapBreaks(xe, cells.i0, cells.i1, map.axialPitchMm, hx, xSteps);
  const yBreaks = depthMapBreaks(ye, cells.j0, cells.j1, map.circumferentialPitchMm, hy, ySteps);
  const coreX = Math.max(...xBreaks.map(Math.abs), sx, 2 * t);
  const coreY = Math.max(...yBreaks.map(Math.abs), sy, 2 * t);
  const band = Math.max(2 * lift, t / 2, BAND_MIN_MM * MM);
  const x = axisThrough(xBreaks, hx * MM, band, coreX, p.ratio, domainMargin(coreX), symmetry);
  const y = axisThrough(yBreaks, hy * MM, band, coreY, p.ratio, domainMargin(coreY), symmetry);

  // Column depths (m): area averages of the cells under each element column.
  const ox = overlaps(x, xe);
  const oy = overlaps(y, ye);
  const nx = x.length;
  const ny = y.length;
  const columnDepth = new Float64Array((nx - 1) * (ny - 1));
  const levels = new Set<number>();
  for (let i = 0; i < nx - 1; i++) {
    for (let j = 0; j < ny - 1; j++) {
      let sum = 0;
      for (const a of ox[i]!) for (const b of oy[j]!) sum += a.w * b.w * cellDepth(map, a.cell, b.cell);
      const depth = Math.min(t, sum * MM);
      columnDepth[i * (ny - 1) + j] = depth;
      if (depth > 0 && depth < t) levels.add(Math.round(depth / (1e-9 * t)) * 1e-9 * t);
    }
  }

  const lScale = edgeRefinement(grid.liftOffMm, Infinity);
  const hzWall = p.hzWall * MM * lScale;
  // Steel is z < surface (near side) or z > surface (far side).
  const surfaceAt = (depth: number): number => (d.side === 'near' ? -depth : -t + depth);
  const planes = [...levels].map(surfaceAt);
  const exactPlanes = levels.size <= MAX_DEPTH_PLANES;
  const wall = exactPlanes ? uniformThrough([-t, 0, ...planes], hzWall) : depthBandWall(t, hzWall, Math.min(...planes), Math.max(...planes));
  const { z, sensorK } = zAxis(wall, t, hzWall, lift, p, lScale, Math.max(coreX, coreY));

  const nz = z.length;
  const steel = new Uint8Array((nx - 1) * (ny - 1) * (nz - 1));
  for (let i = 0; i < nx - 1; i++) {
    for (let j = 0; j < ny - 1; j++) {
      const exact = surfaceAt(columnDepth[i * (ny - 1) + j]!);
      // On a node plane: exactly for a few levels, else the nearest plane of the depth band.
      const surface = exactPlanes ? exact : nearestIn(wall, exact);
      for (let k = 0; k < nz - 1; k++) {
        const zc = 0.5 * (z[k]! + z[k + 1]!);
        if (zc <= -t || zc >= 0) continue;
        if (d.side === 'near' ? zc < surface : zc > surface) steel[k + (nz - 1) * (j + (ny - 1) * i)] = STEEL;
      }
    }
  }
  return { x, y, z, steel, cut: new Map(), sensorK, symmetry, wallT: t };
}

/** The value of the ascending `planes` nearest to v. */
function nearestIn(planes: number[], v: number): number {
  let best = planes[0]!;
  for (const p of planes) if (Math.abs(p - v) < Math.abs(best - v)) best = p;
  return best;
}
