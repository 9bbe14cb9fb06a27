import { createModelRegistry, loadModelModules } from '../../../services/solver/models/registry';
import { dipoleModel } from '../../../services/solver/models/dipole';
import { runSolveTask } from '../../../services/solver/solve-task';
import type { SolveTask } from '../../../services/solver/solve-task';
import type { PhysicsModel } from '../../../services/solver/models/types';
import { SolveError } from '../../../services/solver/models/types';
import { decodeFloat32LE } from '../../../services/solver/signal-map';
import { baseDefect } from './dipole-fixtures';

function fakeModel(name: string, solve: PhysicsModel['solve']): PhysicsModel {
  return { name, description: name, meshes: [], materials: [], defectTypes: ['rectangular', 'rounded'], solve };
}

const grid = { liftOffMm: 2, axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 4, circumferentialCount: 3 };
const stats = { dofs: 0, iterations: 0, residual: 0 };
const registry = createModelRegistry([
  fakeModel('inf', () => ({ data: new Float32Array(36).fill(Number.POSITIVE_INFINITY, 5, 6), stats })),
  fakeModel('diverges', () => {
    throw new SolveError('NOT_CONVERGED', 'residual 1e-2 after 80 iterations');
  }),
  fakeModel('buggy', () => {
    throw new TypeError('x is undefined');
  }),
  fakeModel('short', () => ({ data: new Float32Array(7), stats })),
]);

function task(model: string): SolveTask {
  return { model, defect: baseDefect, grid, settings: { mesh: 'standard' } };
}

describe('one simulation in a worker', () => {
  it('packs the dipole map with its stats', () => {
    const outcome = runSolveTask(registry, task('dipole'));
    expect(outcome.kind).toBe('map');
    if (outcome.kind !== 'map') return;
    const expected = dipoleModel.solve(baseDefect, grid, { mesh: 'standard' }).data;
    expect(Array.from(decodeFloat32LE(outcome.packed))).toEqual(Array.from(expected));
    expect(outcome.stats).toEqual(stats);
    expect(outcome.wallTimeMs).toBeGreaterThan(0);
  });

  it.each([
    ['inf', 'NON_FINITE', 'map value 5 is Infinity; a map with NaN or Infinity is never returned'],
    ['diverges', 'NOT_CONVERGED', 'residual 1e-2 after 80 iterations'],
    ['buggy', 'INTERNAL', 'model "buggy" failed: x is undefined'],
    ['short', 'INTERNAL', 'model "short" returned 7 values, expected 36'],
    ['nope', 'UNSUPPORTED', 'unknown model "nope"'],
  ])('turns model %s into a per-simulation error %s', (model, reason, message) => {
    expect(runSolveTask(registry, task(model))).toMatchObject({ kind: 'error', reason, message });
  });
});

describe('model registry', () => {
  it('holds the built-in models and refuses duplicate names', () => {
    expect([...createModelRegistry().keys()]).toEqual(['dipole', 'fem', 'instant']);
    expect(() => createModelRegistry([fakeModel('dipole', (...args) => dipoleModel.solve(...args))])).toThrow('physics model "dipole" is registered twice');
  });

  it('refuses a model module without a models export', () => {
    expect(() => loadModelModules([require.resolve('./dipole-fixtures')])).toThrow('must export models: PhysicsModel[]');
  });
});
