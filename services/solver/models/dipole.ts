// The analytic magnetic-charge ("dipole") model of a metal-loss defect: fast, approximate, and the
// cross-check of trends for the FEM model.
//
// Model (Zatsepin & Shcherbinin, Defektoskopiya 1966; Edwards & Palmer, J. Phys. D 19 (1986) 657;
// 3D rectangular form after Mandache & Clapham, J. Phys. D 36 (2003) 2427):
//   - The defect is an air box of axial length L, circumferential width W and depth d = depth% * t / 100.
//   - The axial magnetization of the wall ends at the two defect walls normal to x. They carry
//     uniform magnetic surface charge: +sigma on the upstream wall (x = -L/2, where flux leaves the
//     steel) and -sigma on the downstream wall (x = +L/2). The other faces carry none (M is parallel
//     to them).
//   - Near-side defect: walls span z in [-d, 0]. Far-side defect: z in [-t, -t + d]. Sensors sit at
//     z = liftOff (> 0), so the far-side signal is the same charges seen from farther away.
//   - Each wall's field is integrated in closed form (charged-wall.ts) and B = mu0 * H in air.
//   - Output is the leakage perturbation only; the uniform background field above the wall is not
//     part of the map.
//
// Charge density (why it scales as it does): sigma is the field inside the defect cavity. Treating
// the cavity as an elliptic-cylinder hole with semi-axes b = L/2 (along the field) and h = d (depth;
// the open surface mirrors it) in steel of relative permeability mu, with demagnetization factor
// N = h / (b + h), gives (an estimate in the spirit of Edwards & Palmer's; derived here, check the
// paper before quoting it as theirs)
//   sigma = H0 * (1 + h/b) / (1 + h / (mu * b)),
// i.e. about H0 for a wide shallow defect and up to mu * H0 for a narrow deep one. mu is the secant
// permeability B/(mu0 H) of line-pipe steel at H0, from a Frohlich-type fit of a near-saturation B-H
// curve, B = mu0 H + Js * H / (H + Hk) with Js = 1.95 T and Hk = 2 kA/m (B ~ 1.64 T at 10 kA/m,
// ~1.89 T at 35 kA/m). This makes sigma grow with H0 and with depth, as measured signals do.
//
// "rounded" profile: the footprint becomes an ellipse and the depth a half-ellipse across the width.
// Each wall is split into ROUNDED_STRIPS (4) circumferential strips; strip k at centre y_k has shape
// factor s_k = sqrt(1 - (2 y_k / W)^2), sits at x = -/+ s_k L / 2 and is s_k d deep (near side) or
// reaches s_k d into the wall from the far surface. Shallower, shorter strips towards the ends taper
// the charge, which rounds the signal's edges.
//
// "depth-map" profile, by superposition: every axial step of the metal loss is a charged wall. For
// each circumferential row of cells, the edge between axially neighbouring cells (and each end of
// the row, where the depth steps from or to 0) carries a wall spanning the two depths, +sigma where
// the depth grows along x (flux leaves the steel, as on a box's upstream wall) and -sigma where it
// shrinks. sigma uses the box law with the map's loss length (defectLengthMm, L/2) and the deeper of
// the two cells; the calibration gain takes the map's loss extent and deepest cell as a box's
// features. A map of a box gives exactly the box's two walls.

import type { DefectCase, DefectSide, DepthMapGrid, ModelSettings, SensorGridSpec } from '../../domain/defect';
import { axialEdgesMm, cellDepth, circumferentialEdgesMm } from '../../domain/depth-map';
import type { PhysicsModel, SignalMapResult } from './types';
import { SolveError } from './types';
import { addWallField } from './charged-wall';
import type { ChargedWall } from './charged-wall';
import { calibrationGain } from './dipole-calibration/gain';

const MU0 = 4 * Math.PI * 1e-7;
const STEEL_JS_T = 1.95;
const STEEL_HK_A_PER_M = 2000;
const ROUNDED_STRIPS = 4;
export const DIPOLE_MATERIAL = 'line-pipe-steel';

/** Secant relative permeability of the steel at field h (A/m). */
export function steelRelativePermeability(hAPerM: number): number {
  const b = MU0 * hAPerM + (STEEL_JS_T * hAPerM) / (hAPerM + STEEL_HK_A_PER_M);
  return b / (MU0 * hAPerM);
}

/** Surface charge density (A/m) on the walls of a cavity of half-length b and depth h. */
export function wallChargeDensity(h0APerM: number, halfLength: number, depth: number): number {
  const mu = steelRelativePermeability(h0APerM);
  const aspect = depth / halfLength;
  return (h0APerM * (1 + aspect)) / (1 + aspect / mu);
}

/** The charged walls of a defect, lengths in mm. */
export function defectWalls(defect: DefectCase): ChargedWall[] {
  const t = defect.wallThicknessMm;
  const depth = (defect.defectDepthPercent * t) / 100;
  const halfLength = defect.defectLengthMm / 2;
  const halfWidth = defect.defectWidthMm / 2;
  const h0 = defect.backgroundFieldKAPerM * 1000;
  if (depth <= 0) return [];

  if (defect.profile === 'depth-map') return depthMapWalls(defect.depthMap, t, defect.side, h0, halfLength);
  const strips = defect.profile === 'rounded' ? ROUNDED_STRIPS : 1;
  const stripWidth = defect.defectWidthMm / strips;
  const walls: ChargedWall[] = [];
  for (let k = 0; k < strips; k++) {
    const y1 = -halfWidth + k * stripWidth;
    const y2 = y1 + stripWidth;
    const yc = (y1 + y2) / 2;
    const shape = strips === 1 ? 1 : Math.sqrt(1 - (yc / halfWidth) ** 2);
    const stripDepth = depth * shape;
    const stripHalfLength = halfLength * shape;
    const [z1, z2] = defect.side === 'near' ? [-stripDepth, 0] : [-t, -t + stripDepth];
    const sigma = wallChargeDensity(h0, stripHalfLength, stripDepth);
    walls.push({ x: -stripHalfLength, y1, y2, z1, z2, sigma });
    walls.push({ x: stripHalfLength, y1, y2, z1, z2, sigma: -sigma });
  }
  return walls;
}

/** The charged walls of a depth map's axial steps (see the header), lengths in mm. */
function depthMapWalls(map: DepthMapGrid, t: number, side: DefectSide, h0: number, halfLength: number): ChargedWall[] {
  const xe = axialEdgesMm(map);
  const ye = circumferentialEdgesMm(map);
  const walls: ChargedWall[] = [];
  for (let j = 0; j < map.circumferentialCount; j++) {
    for (let i = 0; i <= map.axialCount; i++) {
      const before = i > 0 ? cellDepth(map, i - 1, j) : 0;
      const after = i < map.axialCount ? cellDepth(map, i, j) : 0;
      if (before === after) continue;
      const [shallow, deep] = before < after ? [before, after] : [after, before];
      const [z1, z2] = side === 'near' ? [-deep, -shallow] : [-t + shallow, -t + deep];
      const sigma = wallChargeDensity(h0, halfLength, deep);
      walls.push({ x: xe[i]!, y1: ye[j]!, y2: ye[j + 1]!, z1, z2, sigma: after > before ? sigma : -sigma });
    }
  }
  return walls;
}

/** Sensor coordinate i of n at the given pitch, centred on the defect. */
export function gridCoordinate(i: number, n: number, pitch: number): number {
  return (i - (n - 1) / 2) * pitch;
}

/** The map of the charge model above, before calibration ([Bx, By, Bz][axial][circumferential], T). */
export function uncalibratedDipoleMap(defect: DefectCase, grid: SensorGridSpec): Float32Array {
  const nx = grid.axialCount;
  const ny = grid.circumferentialCount;
  const plane = nx * ny;
  const data = new Float32Array(3 * plane);
  const walls = defectWalls(defect);
  const field = new Float64Array(3);
  // Lengths stay in mm: the wall integrals are dimensionless (solid angles and log ratios).
  for (let i = 0; i < nx; i++) {
    const px = gridCoordinate(i, nx, grid.axialPitchMm);
    for (let j = 0; j < ny; j++) {
      const py = gridCoordinate(j, ny, grid.circumferentialPitchMm);
      field.fill(0);
      for (const wall of walls) addWallField(wall, px, py, grid.liftOffMm, field);
      const at = i * ny + j;
      data[at] = MU0 * (field[0] ?? 0);
      data[plane + at] = MU0 * (field[1] ?? 0);
      data[2 * plane + at] = MU0 * (field[2] ?? 0);
    }
  }
  return data;
}

function solveDipole(defect: DefectCase, grid: SensorGridSpec, _settings: ModelSettings): SignalMapResult {
  if (!(grid.liftOffMm > 0)) {
    throw new SolveError('UNSUPPORTED', `dipole model needs sensors above the wall (lift-off ${grid.liftOffMm} mm)`);
  }
  // The field is linear in the charge density, so the calibrated gain scales the whole map.
  const data = uncalibratedDipoleMap(defect, grid);
  const gain = calibrationGain(defect, grid.liftOffMm);
  for (let p = 0; p < data.length; p++) data[p] = data[p]! * gain;
  return { data, stats: { dofs: 0, iterations: 0, residual: 0 } };
}

export const dipoleModel: PhysicsModel = {
  name: 'dipole',
  description:
    'Analytic magnetic-charge model of a rectangular, rounded or depth-map (superposed axial steps) metal-loss defect: uniformly charged walls, closed-form field, B = mu0 H in air; amplitude calibrated against the fem model (TEAM 13 steel) for H0 10-35 kA/m, wall 4-30 mm, length and width 4-100 mm, depth 10-95 %, lift-off 1-4 mm (outside these ranges the gain is held at its value on the edge of the range); map shapes stay those of the charge model',
  meshes: [],
  materials: [DIPOLE_MATERIAL],
  defectTypes: ['rectangular', 'rounded', 'depth-map'],
  solve: solveDipole,
};
