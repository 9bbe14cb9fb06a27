// Newton iteration on the potential: assemble (assemble.ts), precondition (multigrid.ts), solve
// (pcg.ts), line search.
//
// Convergence: the nonlinear residual r (flux imbalance at the free nodes) relative to the reaction
// at the Dirichlet x faces of the defect-free state phi = -H0 x (the flux driven through the domain):
//   rel = ||r(phi)||_2 / ||r_D(-H0 x)||_2 < tol.
// The linear solves are inexact (Eisenstat-Walker style forcing term) so early Newton steps cost a
// few PCG iterations and the last one just enough to reach tol. Non-convergence throws.

import { SolveError } from '../types';
import type { Evaluation, Slab } from './assemble';
import { evaluate, splitResidual } from './assemble';
import type { Grid } from './grid';
import { dot, matvec, newVector } from './grid';
import type { Material } from './material';
import type { FemMesh } from './mesh';
import { applyMultigrid, buildMultigrid, updateMultigrid } from './multigrid';
import { pcg } from './pcg';

/** Number of initial secant (Picard) steps before Newton's tangent is used. */
const SECANT_STEPS = 1;

export interface NewtonOptions {
  tol: number;
  maxNewton: number;
  maxLinear: number;
}

export interface NewtonResult {
  phi: Float64Array;
  iterations: number;
  residual: number;
  levels: number;
  linearIterationsPerStep: number[];
  history: number[];
  /** Line-search step length of each Newton iteration. */
  steps: number[];
  /** Milliseconds spent in assembly, multigrid setup and PCG. */
  timing: { assemble: number; multigrid: number; pcg: number };
}

/** Element layers k0 <= k < k1 between the wall surfaces z = -t and z = 0 (node planes). */
function wallSlab(g: Grid, t: number): Slab {
  let k0 = 0;
  while (g.z[k0]! < -t - 1e-12) k0++;
  let k1 = k0;
  while (g.z[k1]! < -1e-12) k1++;
  return { k0, k1 };
}

/** ||reaction|| at the Dirichlet planes for the defect-free potential: the residual's scale. */
function fluxScale(g: Grid, mesh: FemMesh, mat: Material, phi: Float64Array): number {
  const steelFree = new Uint8Array(mesh.steel.length);
  const r = newVector(g);
  // Every element of the wall layer counts as steel here, so the scale does not depend on the defect.
  const t = mesh.wallT;
  const { nx, ny, nz } = g;
  for (let i = 0; i < nx - 1; i++)
    for (let j = 0; j < ny - 1; j++)
      for (let k = 0; k < nz - 1; k++) {
        const zc = 0.5 * (g.z[k]! + g.z[k + 1]!);
        if (zc > -t && zc < 0) steelFree[k + (nz - 1) * (j + (ny - 1) * i)] = 1;
      }
  evaluate(g, { steel: steelFree, cut: new Map() }, mat, phi, r, null, { k0: 0, k1: nz - 1 });
  return splitResidual(g, r).reactionNorm;
}

export function newton(mesh: FemMesh, g: Grid, mat: Material, h0: number, start: Float64Array | null, o: NewtonOptions): NewtonResult {
  const wallT = mesh.wallT;
  const ne = (g.nx - 1) * (g.ny - 1) * (g.nz - 1);
  const timing = { assemble: 0, multigrid: 0, pcg: 0 };
  // Start from the defect-free solution phi = -H0 x (exact far from the defect, and on the x faces).
  let phi = newVector(g);
  for (let i = 0; i < g.nx; i++) phi.fill(-h0 * g.x[i]!, g.pad + i * g.ny * g.nz, g.pad + (i + 1) * g.ny * g.nz);
  const scale = fluxScale(g, mesh, mat, phi);
  // A start from a coarser solve keeps phi = -H0 x on the Dirichlet planes.
  if (start !== null) {
    const plane = g.ny * g.nz;
    phi.set(start.subarray(g.pad + plane, g.pad + g.n - plane), g.pad + plane);
  }
  let r = newVector(g);

  // Whole mesh once: the flux scale, and the constant (outside-the-wall) part of the operator.
  const all: Slab = { k0: 0, k1: g.nz - 1 };
  const slab: Slab = wallSlab(g, wallT);
  const keAll = new Float64Array(ne * 64);
  evaluate(g, mesh, mat, phi, r, keAll, all);
  const plane = (g.ny - 1) * (g.nz - 1);
  for (let i = 0; i < g.nx - 1; i++)
    for (let j = 0; j < g.ny - 1; j++) keAll.fill(0, (slab.k0 + (g.nz - 1) * j + plane * i) * 64, (slab.k1 + (g.nz - 1) * j + plane * i) * 64);
  const t0 = performance.now();
  const mg = buildMultigrid(g, keAll);
  const Aout = mg.levels[0]!.Aout;
  timing.multigrid += performance.now() - t0;

  const nSlab = (g.nx - 1) * (g.ny - 1) * (slab.k1 - slab.k0);
  let ke = new Float64Array(nSlab * 64);
  let trialKe = new Float64Array(nSlab * 64);
  // Residual = constant part (stencil) + slab elements, with the Dirichlet rows split off.
  const residual = (p: Float64Array, out: Float64Array, keOut: Float64Array | null, secant = false): Evaluation => {
    out.fill(0);
    matvec(g, Aout, p, out);
    const t1 = performance.now();
    evaluate(g, mesh, mat, p, out, keOut, slab, secant);
    timing.assemble += performance.now() - t1;
    return splitResidual(g, out);
  };
  let ev = residual(phi, r, ke);
  let rel = scale > 0 ? ev.residualNorm / scale : 0;
  const history = [rel];
  const perStep: number[] = [];
  const steps: number[] = [];
  let trialPhi = newVector(g);
  let trialR = newVector(g);
  const rhs = newVector(g);
  const dphi = newVector(g);
  let it = 0;
  while (rel > o.tol) {
    if (it >= o.maxNewton)
      throw new SolveError('NOT_CONVERGED', `FEM Newton did not converge in ${it} iterations: relative residual ${rel.toExponential(3)} > tolerance ${o.tol.toExponential(1)}`);
    it++;
    // The first step from the saturated start uses the secant (Picard) matrix: the tangent at H0
    // is so flat that Newton would overshoot into the knee where flux stagnates near the defect.
    if (it <= SECANT_STEPS && !mat.linear) residual(phi, r, ke, true);
    let t2 = performance.now();
    updateMultigrid(mg, ke, slab.k0, slab.k1);
    timing.multigrid += performance.now() - t2;
    t2 = performance.now();
    for (let p = 0; p < g.len; p++) rhs[p] = -r[p]!;
    // A linear material needs one exact-enough step; a nonlinear one gains nothing from solving the
    // linearisation far below the current nonlinear residual.
    const target = (0.3 * o.tol) / rel;
    const eta = mat.linear ? target : Math.min(0.05, Math.max(target, Math.min(0.05, rel)));
    const lin = pcg(g, mg.levels[0]!.A, rhs, dphi, (a, b) => applyMultigrid(mg, a, b), eta, o.maxLinear);
    timing.pcg += performance.now() - t2;
    perStep.push(lin.iterations);
    if (!Number.isFinite(lin.relResidual)) throw new SolveError('NON_FINITE', 'FEM linear solve produced a non-finite residual');
    // Line search on the convex energy E(phi + a dphi): its slope along the step is r(a).dphi,
    // increasing in a. Accept a once |slope| has dropped to half its start value (a = 1 near the
    // solution); otherwise regula falsi on the slope inside the bracket [lo, hi].
    const d0 = dot(g, r, dphi);
    let lo = 0;
    let dLo = d0;
    let hi = 1;
    let dHi = 0;
    let alpha = 1;
    for (let tries = 0; ; tries++) {
      for (let p = 0; p < g.len; p++) trialPhi[p] = phi[p]! + alpha * dphi[p]!;
      const tev = residual(trialPhi, trialR, trialKe);
      const d = dot(g, trialR, dphi);
      if (!(d0 < 0) || Math.abs(d) <= 0.5 * Math.abs(d0) || (d < 0 && alpha === 1) || tries === 6) {
        [phi, trialPhi] = [trialPhi, phi];
        [r, trialR] = [trialR, r];
        [ke, trialKe] = [trialKe, ke];
        ev = tev;
        steps.push(alpha);
        break;
      }
      if (d > 0) {
        hi = alpha;
        dHi = d;
      } else {
        lo = alpha;
        dLo = d;
      }
      alpha = lo + ((hi - lo) * -dLo) / (dHi - dLo);
    }
    rel = ev.residualNorm / scale;
    history.push(rel);
    if (!Number.isFinite(rel)) throw new SolveError('NON_FINITE', 'FEM Newton iteration produced a non-finite residual');
  }

  return { phi, iterations: it, residual: rel, levels: mg.levels.length, linearIterationsPerStep: perStep, history, steps, timing };
}
