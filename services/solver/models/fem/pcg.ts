// Preconditioned conjugate gradients on the free rows of a stencil operator.

import type { Grid } from './grid';
import { dot, matvec, newVector } from './grid';

export interface PcgResult {
  iterations: number;
  /** ||b - A x|| / ||b|| at exit. */
  relResidual: number;
  converged: boolean;
}

/** Solves A x = b from x = 0; vectors are padded, Dirichlet rows of b must be zero. */
export function pcg(
  g: Grid,
  A: Float64Array,
  b: Float64Array,
  x: Float64Array,
  precondition: (r: Float64Array, z: Float64Array) => void,
  rtol: number,
  maxIter: number,
): PcgResult {
  const r = newVector(g);
  const z = newVector(g);
  const p = newVector(g);
  const q = newVector(g);
  x.fill(0);
  r.set(b);
  const bnorm = Math.sqrt(dot(g, b, b));
  if (bnorm === 0) return { iterations: 0, relResidual: 0, converged: true };
  precondition(r, z);
  p.set(z);
  let rz = dot(g, r, z);
  const lo = g.pad;
  const hi = g.pad + g.n;
  let rel = 1;
  for (let it = 1; it <= maxIter; it++) {
    matvec(g, A, p, q);
    const pq = dot(g, p, q);
    if (!(pq > 0)) return { iterations: it, relResidual: rel, converged: false };
    const alpha = rz / pq;
    let rr = 0;
    for (let i = lo; i < hi; i++) {
      x[i]! += alpha * p[i]!;
      const v = r[i]! - alpha * q[i]!;
      r[i] = v;
      rr += v * v;
    }
    rel = Math.sqrt(rr) / bnorm;
    if (rel <= rtol) return { iterations: it, relResidual: rel, converged: true };
    precondition(r, z);
    const rzNew = dot(g, r, z);
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = lo; i < hi; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return { iterations: maxIter, relResidual: rel, converged: false };
}
