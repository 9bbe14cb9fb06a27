// Sensor field: B = mu0 H = -mu0 grad(phi) in the air at z = liftOff, returned as the defect's
// perturbation (B minus the defect-free background mu0 H0 x_hat).
//
// The Q1 gradient is discontinuous between elements and only first-order accurate at arbitrary
// points, but second-order at element centroids. The sensor plane is a node plane (mesh.ts), so the
// field at its nodes is recovered by linear interpolation of the centroid gradients of the (air)
// elements around each node, and sensors between nodes use bilinear interpolation of those nodal
// values. On the quarter model's symmetry planes the missing neighbour cells are the mirror images
// (grad phi is even/odd per component, see mesh.ts).
//
// Background: the defect-free discrete solution is exactly phi = -H0 x (linear potentials are in the
// Q1 space and satisfy every discrete equation, whatever the mesh or mu), so its sensor field is
// exactly mu0 H0 x_hat; subtracting it leaves the leakage of the defect alone, like the dipole model.

import type { SensorGridSpec } from '../types';
import { bracket, type Grid } from './grid';
import { MU0 } from './material';
import type { FemMesh } from './mesh';

/** Cells around node index i on one axis with interpolation weights; mirrored = ghost over 0. */
function cellsAround(c: Float64Array, i: number, symmetric: boolean): [number, number, boolean][] {
  const n = c.length;
  if (i === 0) return symmetric ? [[0, 0.5, true], [0, 0.5, false]] : [[0, 1, false]];
  if (i === n - 1) return [[n - 2, 1, false]];
  const hl = c[i]! - c[i - 1]!;
  const hr = c[i + 1]! - c[i]!;
  return [[i - 1, hr / (hl + hr), false], [i, hl / (hl + hr), false]];
}

/** Recovered grad phi at node (i, j, k) into out[0..2]. */
function nodeGradient(m: FemMesh, g: Grid, phi: Float64Array, i: number, j: number, k: number, out: Float64Array): void {
  const q = m.symmetry === 'quarter';
  const { x, y, z, ny, nz, pad } = g;
  const at = (a: number, b: number, c: number): number => phi[pad + c + nz * (b + ny * a)]!;
  let gx = 0;
  let gy = 0;
  let gz = 0;
  for (const [ei, wi, mxr] of cellsAround(x, i, q))
    for (const [ej, wj, myr] of cellsAround(y, j, q))
      for (const [ek, wk] of cellsAround(z, k, false)) {
        const w = wi * wj * wk;
        let dx = 0;
        let dy = 0;
        let dz = 0;
        for (let s = 0; s < 2; s++)
          for (let t = 0; t < 2; t++) {
            dx += at(ei + 1, ej + s, ek + t) - at(ei, ej + s, ek + t);
            dy += at(ei + s, ej + 1, ek + t) - at(ei + s, ej, ek + t);
            dz += at(ei + s, ej + t, ek + 1) - at(ei + s, ej + t, ek);
          }
        dx /= 4 * (x[ei + 1]! - x[ei]!);
        dy /= 4 * (y[ej + 1]! - y[ej]!);
        dz /= 4 * (z[ek + 1]! - z[ek]!);
        // Mirror image across x = 0 flips the odd components dy, dz; across y = 0 flips dy.
        gx += w * dx;
        gy += w * (mxr !== myr ? -dy : dy);
        gz += w * (mxr ? -dz : dz);
      }
  out[0] = gx;
  out[1] = gy;
  out[2] = gz;
}

/** Signal map [Bx, By, Bz][axial][circumferential] in tesla, background removed. */
export function sampleSensors(m: FemMesh, g: Grid, phi: Float64Array, h0: number, s: SensorGridSpec): Float32Array {
  const na = s.axialCount;
  const nc = s.circumferentialCount;
  const out = new Float32Array(3 * na * nc);
  const quarter = m.symmetry === 'quarter';
  const k = m.sensorK;
  const corners = [new Float64Array(3), new Float64Array(3), new Float64Array(3), new Float64Array(3)] as const;
  for (let a = 0; a < na; a++) {
    const xs = (a - (na - 1) / 2) * s.axialPitchMm * 1e-3;
    for (let c = 0; c < nc; c++) {
      const ys = (c - (nc - 1) / 2) * s.circumferentialPitchMm * 1e-3;
      const px = quarter ? Math.abs(xs) : xs;
      const py = quarter ? Math.abs(ys) : ys;
      const i = bracket(g.x, px);
      const j = bracket(g.y, py);
      const u = (px - g.x[i]!) / (g.x[i + 1]! - g.x[i]!);
      const v = (py - g.y[j]!) / (g.y[j + 1]! - g.y[j]!);
      nodeGradient(m, g, phi, i, j, k, corners[0]);
      nodeGradient(m, g, phi, i + 1, j, k, corners[1]);
      nodeGradient(m, g, phi, i, j + 1, k, corners[2]);
      nodeGradient(m, g, phi, i + 1, j + 1, k, corners[3]);
      const grad = [0, 0, 0];
      for (let d = 0; d < 3; d++)
        grad[d] =
          (1 - u) * (1 - v) * corners[0][d]! + u * (1 - v) * corners[1][d]! + (1 - u) * v * corners[2][d]! + u * v * corners[3][d]!;
      // Mirror the quarter's values: Bx even in x and y; By odd in x and y; Bz odd in x, even in y.
      const sx = quarter && xs < 0 ? -1 : 1;
      const sy = quarter && ys < 0 ? -1 : 1;
      const cell = a * nc + c;
      out[cell] = MU0 * (-grad[0]! - h0);
      out[na * nc + cell] = -MU0 * grad[1]! * sx * sy;
      out[2 * na * nc + cell] = -MU0 * grad[2]! * sx;
    }
  }
  return out;
}
