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

import type { DefectCase, SensorGridSpec } from '../../../domain/defect';
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

/** Depth (m, >= 0) of the defect at (x, y); 0 outside its footprint. */
export function defectDepthAt(d: DefectCase, x: number, y: number): number {
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
  const wall = uniformThrough(wallBreaks, hzWall);
  const gapH = Math.min(p.hzGap * MM * lScale, lift / 2);
  const gap = uniformThrough([0, lift], gapH).slice(1);
  const marginZ = domainMargin(Math.max(coreX, coreY));
  const above = graded(lift, gapH, p.ratio, marginZ, 1);
  const below = graded(-t, hzWall, p.ratio, marginZ, -1).reverse();
  const z = Float64Array.from([...below, ...wall, ...gap, ...above]);
  const sensorK = below.length + wall.length + gap.length - 1;

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
function cutGeometry(d: DefectCase, t: number, [x0, x1]: number[], [y0, y1]: number[], [z0, z1]: number[]): Float64Array | typeof AIR | typeof STEEL {
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
