// FEM driver: mesh (mesh.ts), nested Newton solves (newton.ts), sensor read-out (sensors.ts).
//
// Nested iteration: before the requested mesh, the same problem is solved on meshes with twice the
// spacing (down to about COARSEST_DOFS unknowns) to a loose tolerance, and each solution, trilinearly
// interpolated, starts the next finer Newton iteration. The expensive globalisation phase (the
// knee of the B-H curve in the flux-stagnation zones beside the defect) then happens on cheap
// meshes, and the requested mesh needs only a few Newton steps. The final answer is still the
// requested mesh's own solution to `tolerance`.

import type { DefectCase, ModelSettings, SensorGridSpec } from '../../../domain/defect';
import { isMirrorSymmetric } from '../../../domain/depth-map';
import type { SignalMapResult } from '../types';
import { SolveError } from '../types';
import { bracket, makeGrid, newVector, type Grid } from './grid';
import type { Material } from './material';
import { resolveMaterial } from './material';
import type { FemMesh, Symmetry } from './mesh';
import { buildMesh } from './mesh';
import type { NewtonResult } from './newton';
import { newton } from './newton';
import type { MeshPreset } from './presets';
import { MESH_PRESETS } from './presets';
import { sampleSensors } from './sensors';
import { validateInputs } from './validate';

export interface FemOptions {
  symmetry?: Symmetry;
  /** Newton iterations allowed on the requested mesh (default 30). */
  maxNewtonIterations?: number;
  /** Relative nonlinear residual to reach (default 1e-6). */
  tolerance?: number;
  /** PCG iterations allowed per Newton step (default 200). */
  maxLinearIterations?: number;
  /** Start from coarser solves (default true). */
  nested?: boolean;
  /** Mesh spacings to use instead of the named preset (refinement studies). */
  preset?: MeshPreset;
}

export interface FemDetails extends Omit<NewtonResult, 'phi' | 'iterations'> {
  dofs: number;
  nodes: [number, number, number];
  newtonIterations: number;
  linearIterations: number;
  /** Newton and PCG iterations of the coarser start-up solves. */
  nestedNewtonIterations: number;
  nestedLinearIterations: number;
}

export interface FemResult extends SignalMapResult {
  details: FemDetails;
}

export const DEFAULT_TOLERANCE = 1e-6;
const NESTED_TOLERANCE = 1e-3;
const COARSEST_DOFS = 12000;

const coarser = (p: MeshPreset): MeshPreset => ({ ...p, hx: 2 * p.hx, hy: 2 * p.hy, hzWall: 2 * p.hzWall, hzGap: 2 * p.hzGap });
const dofsOf = (g: Grid): number => (g.nx - 2) * g.ny * g.nz;

/** Trilinear interpolation of a coarse-mesh potential onto the nodes of a finer grid. */
function interpolate(c: Grid, pc: Float64Array, f: Grid): Float64Array {
  const out = newVector(f);
  const loc = (axis: Float64Array, v: number): [number, number] => {
    const i = bracket(axis, v);
    return [i, Math.min(1, Math.max(0, (v - axis[i]!) / (axis[i + 1]! - axis[i]!)))];
  };
  const at = (i: number, j: number, k: number): number => pc[c.pad + k + c.nz * (j + c.ny * i)]!;
  for (let i = 0; i < f.nx; i++) {
    const [ci, u] = loc(c.x, f.x[i]!);
    for (let j = 0; j < f.ny; j++) {
      const [cj, v] = loc(c.y, f.y[j]!);
      for (let k = 0; k < f.nz; k++) {
        const [ck, w] = loc(c.z, f.z[k]!);
        let s = 0;
        for (let a = 0; a < 8; a++) {
          const wa = (a & 4 ? u : 1 - u) * (a & 2 ? v : 1 - v) * (a & 1 ? w : 1 - w);
          if (wa !== 0) s += wa * at(ci + (a >> 2), cj + ((a >> 1) & 1), ck + (a & 1));
        }
        out[f.pad + k + f.nz * (j + f.ny * i)] = s;
      }
    }
  }
  return out;
}

/**
 * The quarter model needs a defect mirror-symmetric across x = 0 and y = 0 (mesh.ts); a depth map
 * that is not is solved on the full domain.
 */
function symmetryOf(defect: DefectCase, requested: Symmetry | undefined): Symmetry {
  const symmetric = defect.profile !== 'depth-map' || isMirrorSymmetric(defect.depthMap);
  if (requested === 'quarter' && !symmetric) throw new SolveError('UNSUPPORTED', 'symmetry: quarter needs a mirror-symmetric defect; this depth map is not (use full)');
  return requested ?? (symmetric ? 'quarter' : 'full');
}

interface Stage {
  mesh: FemMesh;
  g: Grid;
}

export function solveFem(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings, options: FemOptions = {}): FemResult {
  validateInputs(defect, grid);
  const preset = options.preset ?? MESH_PRESETS[settings.mesh];
  if (preset === undefined) throw new SolveError('UNSUPPORTED', `mesh: unknown preset "${String(settings.mesh)}"; allowed: coarse, standard, fine`);
  const mat: Material = resolveMaterial(settings.material);
  const symmetry = symmetryOf(defect, options.symmetry);
  const h0 = defect.backgroundFieldKAPerM * 1000;
  const stage = (p: MeshPreset): Stage => {
    const mesh = buildMesh(defect, grid, p, symmetry);
    return { mesh, g: makeGrid(mesh.x, mesh.y, mesh.z) };
  };

  const target = stage(preset);
  // Coarser stages, finest first, while they stay meaningfully smaller than the previous one.
  const stages: Stage[] = [];
  if (!mat.linear && options.nested !== false) {
    let p = preset;
    let prev = dofsOf(target.g);
    while (prev > COARSEST_DOFS) {
      p = coarser(p);
      const s = stage(p);
      if (dofsOf(s.g) > 0.5 * prev) break;
      stages.push(s);
      prev = dofsOf(s.g);
    }
  }

  let start: { g: Grid; phi: Float64Array } | null = null;
  let nestedNewton = 0;
  let nestedLinear = 0;
  for (const s of stages.reverse()) {
    try {
      const res = newton(s.mesh, s.g, mat, h0, start ? interpolate(start.g, start.phi, s.g) : null, { tol: NESTED_TOLERANCE, maxNewton: 30, maxLinear: 100 });
      start = { g: s.g, phi: res.phi };
      nestedNewton += res.iterations;
      nestedLinear += res.linearIterationsPerStep.reduce((a, b) => a + b, 0);
    } catch (err) {
      // A start-up solve only provides an initial guess; the requested mesh decides convergence.
      if (!(err instanceof SolveError)) throw err;
    }
  }

  const { mesh, g } = target;
  const res = newton(mesh, g, mat, h0, start ? interpolate(start.g, start.phi, g) : null, {
    tol: options.tolerance ?? DEFAULT_TOLERANCE,
    maxNewton: options.maxNewtonIterations ?? 30,
    maxLinear: options.maxLinearIterations ?? 200,
  });
  const data = sampleSensors(mesh, g, res.phi, h0, grid);
  for (let p = 0; p < data.length; p++)
    if (!Number.isFinite(data[p]!)) throw new SolveError('NON_FINITE', `FEM signal map has a non-finite value at index ${p}`);
  const dofs = dofsOf(g);
  const { phi: _phi, iterations, ...rest } = res;
  return {
    data,
    stats: { dofs, iterations, residual: res.residual },
    details: {
      ...rest,
      dofs,
      nodes: [g.nx, g.ny, g.nz],
      newtonIterations: iterations,
      linearIterations: res.linearIterationsPerStep.reduce((a, b) => a + b, 0),
      nestedNewtonIterations: nestedNewton,
      nestedLinearIterations: nestedLinear,
    },
  };
}
