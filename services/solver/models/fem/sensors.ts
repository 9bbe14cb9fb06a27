// Sensor field: B = mu0 H = -mu0 grad(phi) in the air at z = liftOff, returned as the defect's
// perturbation (B minus the defect-free background mu0 H0 x_hat).
//
// Read-out by gradient recovery from the nodal potential: phi is smooth in the air above the wall
// (harmonic there), so its nodal values are interpolated by a local tensor polynomial and the
// polynomial is differentiated at the sensor point. In x and y: cubic Lagrange through the 4 node
// planes around the sensor (quartic through 5 centred on it where the sensor is on a node plane);
// the sensor plane is a node plane (mesh.ts); in z: the derivative
// of the quartic through 5 node planes around the sensor plane, shifted upwards so that no node
// lies below the steel surface z = 0 (the field has a kink at the interface). The element-wise Q1
// gradient would be first order at the sensor and averaging centroid gradients smooths the peaks:
// at the `standard` mesh it read the Bz peak-to-peak 7-12 % low, this read-out 0.5-2 % (README).
// On the quarter model's symmetry planes the missing nodes are mirror images: phi is odd in x
// (phi = 0 on x = 0) and even in y.
//
// Background: the defect-free discrete solution is exactly phi = -H0 x (linear potentials are in the
// Q1 space and satisfy every discrete equation, whatever the mesh or mu), and the recovery
// reproduces polynomials, so its sensor field is exactly mu0 H0 x_hat; subtracting it leaves the
// leakage of the defect alone, like the dipole model.

import type { SensorGridSpec } from '../../../domain/defect';
import { bracket, type Grid } from './grid';
import { MU0 } from './material';
import type { FemMesh } from './mesh';

/** Points in x and y of the interpolating polynomial (cubic). */
const IN_PLANE_POINTS = 4;
/** Points in z of the differentiated polynomial (quartic). */
const NORMAL_POINTS = 5;

interface Stencil {
  /** Node index on the axis. */
  readonly idx: number[];
  /** +1, or -1 where the node is a mirror image whose potential flips sign. */
  readonly sign: number[];
  /** Interpolation weight and derivative weight of each node at the point. */
  readonly w: number[];
  readonly dw: number[];
}

/** Lagrange basis values and first derivatives at v for the nodes t. */
function lagrange(t: number[], v: number): { w: number[]; dw: number[] } {
  const n = t.length;
  const w: number[] = [];
  const dw: number[] = [];
  for (let a = 0; a < n; a++) {
    let p = 1;
    let dp = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const inv = 1 / (t[a]! - t[b]!);
      // d/dv of the running product (p) times (v - t_b) / (t_a - t_b)
      dp = dp * (v - t[b]!) * inv + p * inv;
      p *= (v - t[b]!) * inv;
    }
    w.push(p);
    dw.push(dp);
  }
  return { w, dw };
}

/**
 * `points` nodes of axis c around v (centred on its bracketing cell), with mirror images across
 * c = 0 when the axis is a symmetry plane (`parity` -1: odd potential, +1: even), else shifted to
 * stay inside the axis.
 */
function axisStencil(c: Float64Array, v: number, points: number, mirror: -1 | 1 | null): Stencil {
  const i = bracket(c, v);
  const n = c.length;
  // A point on a node plane takes the stencil centred on that node (one more point), so that the
  // stencil of -v is the mirror image of the stencil of v: the quarter model and the full domain
  // then read the same field at mirrored sensors.
  const onNode = Math.abs(v - c[i]!) <= 1e-9 * (c[i + 1]! - c[i]!);
  const size = onNode ? points + 1 : points;
  let first = onNode ? i - points / 2 : i - (points / 2 - 1);
  if (mirror === null) first = Math.max(0, first);
  first = Math.min(first, n - size);
  const idx: number[] = [];
  const sign: number[] = [];
  const t: number[] = [];
  for (let q = first; q < first + size; q++) {
    if (q < 0) {
      idx.push(-q);
      sign.push(mirror!);
      t.push(-c[-q]!);
    } else {
      idx.push(q);
      sign.push(1);
      t.push(c[q]!);
    }
  }
  return { idx, sign, ...lagrange(t, v) };
}

/** Derivative weights in z at the sensor plane k from nodes at or above the surface z = 0. */
function normalStencil(z: Float64Array, k: number): Stencil {
  let first = k - Math.floor(NORMAL_POINTS / 2);
  while (z[first]! < -1e-12) first++;
  first = Math.min(first, z.length - NORMAL_POINTS);
  const idx: number[] = [];
  for (let q = first; q < first + NORMAL_POINTS; q++) idx.push(q);
  const { w, dw } = lagrange(
    idx.map((q) => z[q]!),
    z[k]!,
  );
  return { idx, sign: idx.map(() => 1), w, dw };
}

/** Signal map [Bx, By, Bz][axial][circumferential] in tesla, background removed. */
export function sampleSensors(m: FemMesh, g: Grid, phi: Float64Array, h0: number, s: SensorGridSpec): Float32Array {
  const na = s.axialCount;
  const nc = s.circumferentialCount;
  const out = new Float32Array(3 * na * nc);
  const quarter = m.symmetry === 'quarter';
  const { ny, nz, pad } = g;
  const at = (i: number, j: number, k: number): number => phi[pad + k + nz * (j + ny * i)]!;
  const zs = normalStencil(g.z, m.sensorK);
  for (let a = 0; a < na; a++) {
    const xs = (a - (na - 1) / 2) * s.axialPitchMm * 1e-3;
    const px = quarter ? Math.abs(xs) : xs;
    const sx = axisStencil(g.x, px, IN_PLANE_POINTS, quarter ? -1 : null);
    for (let c = 0; c < nc; c++) {
      const ys = (c - (nc - 1) / 2) * s.circumferentialPitchMm * 1e-3;
      const py = quarter ? Math.abs(ys) : ys;
      const sy = axisStencil(g.y, py, IN_PLANE_POINTS, quarter ? 1 : null);
      let gx = 0;
      let gy = 0;
      let gz = 0;
      for (let p = 0; p < sx.idx.length; p++)
        for (let q = 0; q < sy.idx.length; q++) {
          const i = sx.idx[p]!;
          const j = sy.idx[q]!;
          const sign = sx.sign[p]! * sy.sign[q]!;
          const v = sign * at(i, j, m.sensorK);
          gx += sx.dw[p]! * sy.w[q]! * v;
          gy += sx.w[p]! * sy.dw[q]! * v;
          let dz = 0;
          for (let r = 0; r < NORMAL_POINTS; r++) dz += zs.dw[r]! * at(i, j, zs.idx[r]!);
          gz += sx.w[p]! * sy.w[q]! * sign * dz;
        }
      // Mirror the quarter's values: Bx even in x and y; By odd in x and y; Bz odd in x, even in y.
      const fx = quarter && xs < 0 ? -1 : 1;
      const fy = quarter && ys < 0 ? -1 : 1;
      const cell = a * nc + c;
      out[cell] = MU0 * (-gx - h0);
      out[na * nc + cell] = -MU0 * gy * fx * fy;
      out[2 * na * nc + cell] = -MU0 * gz * fx;
    }
  }
  return out;
}
