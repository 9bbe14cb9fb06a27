// The `fem` problem solved by GetDP: how a simulation becomes a run of the Python driver
// (getdp_mfl.py) and how its output becomes a signal map. The adapter serves it under the model
// name `fem`, so a campaign can send the very simulation it sent to synthflux's solver.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DefectCase, ModelSettings, SensorGridSpec } from '../domain/defect';
import type { PhysicsModel, SignalMapResult, SolveErrorReason } from '../solver/models/types';
import { SolveError } from '../solver/models/types';

export const REFERENCE_DRIVER = join(__dirname, 'getdp_mfl.py');
/** Debian's interpreter: it sees python3-gmsh (the python3 on PATH may not). */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** Element size at the defect as a multiple of the lift-off, per mesh preset of the contract. */
export const MESH_FACTORS: Readonly<Record<ModelSettings['mesh'], number>> = { coarse: 1.4, standard: 1, fine: 0.7 };

/** The driver's exit statuses (getdp_mfl.py): 2 bad input, 3 Newton did not converge. */
const EXIT_REASONS: Readonly<Record<number, SolveErrorReason>> = { 2: 'UNSUPPORTED', 3: 'NOT_CONVERGED' };

interface DriverResult {
  dofs: number;
  newtonIterations: number;
  newtonResidual: number;
  maps: number[][][];
}

export interface DriverRun {
  python: string;
  args: string[];
  outFile: string;
  cleanup(): void;
}

export function driverRun(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings, python = DEFAULT_PYTHON): DriverRun {
  const factor = MESH_FACTORS[settings.mesh];
  if (factor === undefined) throw new SolveError('UNSUPPORTED', `mesh: unknown preset "${String(settings.mesh)}"; allowed: ${Object.keys(MESH_FACTORS).join(', ')}`);
  if (settings.material !== undefined && settings.material !== 'team13') {
    throw new SolveError('UNSUPPORTED', `material: the GetDP reference has only "team13", got "${settings.material}"`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'getdp-reference-'));
  const outFile = join(dir, 'result.json');
  const caseJson = JSON.stringify({ ...defect, ...grid });
  const h = Math.round(grid.liftOffMm * factor * 1000) / 1000;
  return {
    python,
    args: [REFERENCE_DRIVER, '--case-json', caseJson, '--h', String(h), '--out', outFile],
    outFile,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The driver's own message (its last "error: ..." line), else the tail of its stderr. */
function driverMessage(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  const own = lines.filter((l) => l.startsWith('error: ')).pop();
  return own ? own.slice('error: '.length) : lines.slice(-3).join(' | ') || 'no message';
}

/** Maps the driver's exit to a SolveError (input, convergence) or a plain Error (a crash). */
export function driverFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): Error {
  const reason = code === null ? undefined : EXIT_REASONS[code];
  if (reason) return new SolveError(reason, driverMessage(stderr));
  return new Error(`GetDP reference driver ${signal ? `killed by ${signal}` : `exited ${code}`}: ${driverMessage(stderr)}`);
}

/** Packs the driver's [channel][axial][circumferential] maps as the contract's Float32Array. */
export function signalMapFrom(outFile: string, grid: SensorGridSpec): SignalMapResult {
  const result = JSON.parse(readFileSync(outFile, 'utf8')) as DriverResult;
  const na = grid.axialCount;
  const nc = grid.circumferentialCount;
  const data = new Float32Array(3 * na * nc);
  result.maps.forEach((channel, ch) => channel.forEach((row, a) => row.forEach((v, c) => (data[ch * na * nc + a * nc + c] = v))));
  return { data, stats: { dofs: result.dofs, iterations: result.newtonIterations, residual: result.newtonResidual } };
}

/** Runs the driver in a child process; aborting kills it (and GetDP under it). */
export function solveWithGetdp(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings, signal?: AbortSignal, python?: string): Promise<SignalMapResult> {
  const run = driverRun(defect, grid, settings, python);
  return new Promise<SignalMapResult>((resolve, reject) => {
    // Its own process group, so that a kill reaches gmsh and getdp as well.
    const child = spawn(run.python, run.args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    const onAbort = (): void => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      run.cleanup();
      reject(err);
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      try {
        if (code === 0) resolve(signalMapFrom(run.outFile, grid));
        else reject(driverFailure(code, sig, stderr));
      } catch (err: unknown) {
        reject(err instanceof Error ? err : new Error(String(err)));
      } finally {
        run.cleanup();
      }
    });
  });
}

export const getdpFemModel: PhysicsModel = {
  name: 'fem',
  description:
    "The fem model's problem (services/solver/models/fem/README.md) solved by GetDP on a Gmsh mesh: second-order tetrahedra, Newton, B evaluated at the sensor points; element size at the defect = lift-off x 1.4 (coarse), 1 (standard), 0.7 (fine); rectangular and rounded defects, TEAM 13 steel. Minutes per simulation: for verification samples, not for campaigns.",
  meshes: Object.keys(MESH_FACTORS),
  materials: ['team13'],
  defectTypes: ['rectangular', 'rounded'],
  solve(defect, grid, settings) {
    const run = driverRun(defect, grid, settings);
    try {
      const child = spawnSync(run.python, run.args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      if (child.error) throw child.error;
      if (child.status !== 0) throw driverFailure(child.status, child.signal, child.stderr);
      return signalMapFrom(run.outFile, grid);
    } finally {
      run.cleanup();
    }
  },
};
