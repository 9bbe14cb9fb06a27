// How the adapter turns a simulation into a run of the GetDP driver and the driver's exits into
// the contract's outcomes. The solves themselves are in test/integration/reference-solver.

import { existsSync } from 'node:fs';
import { MESH_FACTORS, REFERENCE_DRIVER, driverFailure, driverRun } from '../../../services/reference-solver/getdp-model';
import { isSolveError } from '../../../services/solver/models/types';
import type { ModelSettings } from '../../../services/domain/defect';
import { PLATE, SMALL_GRID } from '../fem/helpers';

describe('GetDP reference driver runs', () => {
  it('passes the case and grid as JSON and the element size as lift-off x the preset factor', () => {
    const run = driverRun(PLATE, SMALL_GRID, { mesh: 'fine' });
    try {
      expect(run.python).toBe('/usr/bin/python3');
      expect(run.args[0]).toBe(REFERENCE_DRIVER);
      expect(existsSync(REFERENCE_DRIVER)).toBe(true);
      const caseJson = JSON.parse(run.args[run.args.indexOf('--case-json') + 1]!) as Record<string, unknown>;
      expect(caseJson).toMatchObject({ ...PLATE, ...SMALL_GRID });
      expect(Number(run.args[run.args.indexOf('--h') + 1])).toBeCloseTo(SMALL_GRID.liftOffMm * MESH_FACTORS.fine, 9);
      expect(run.args[run.args.indexOf('--out') + 1]).toBe(run.outFile);
    } finally {
      run.cleanup();
    }
    expect(existsSync(run.outFile.replace(/\/result\.json$/, ''))).toBe(false);
  });

  it('refuses an unknown mesh preset or material, naming the field and what is allowed', () => {
    const err = (settings: ModelSettings): unknown => {
      try {
        driverRun(PLATE, SMALL_GRID, settings).cleanup();
      } catch (e: unknown) {
        return e;
      }
      throw new Error('expected an error');
    };
    const mesh = err({ mesh: 'ultra' as ModelSettings['mesh'] });
    expect(isSolveError(mesh) && mesh.reason).toBe('UNSUPPORTED');
    expect((mesh as Error).message).toBe('mesh: unknown preset "ultra"; allowed: coarse, standard, fine');
    const material = err({ mesh: 'coarse', material: 'linear-1000' });
    expect((material as Error).message).toBe('material: the GetDP reference has only "team13", got "linear-1000"');
  });

  it('maps exit 2 to UNSUPPORTED, 3 to NOT_CONVERGED, anything else to a plain error', () => {
    const input = driverFailure(2, null, 'Traceback...\nerror: axialCount: must be an even integer >= 2\n');
    expect(isSolveError(input) && input.reason).toBe('UNSUPPORTED');
    expect(input.message).toBe('axialCount: must be an even integer >= 2');
    const newton = driverFailure(3, null, 'error: GetDP Newton did not converge in 30 steps');
    expect(isSolveError(newton) && newton.reason).toBe('NOT_CONVERGED');
    const crash = driverFailure(null, 'SIGSEGV', 'Segmentation fault');
    expect(isSolveError(crash)).toBe(false);
    expect(crash.message).toBe('GetDP reference driver killed by SIGSEGV: Segmentation fault');
    expect(driverFailure(1, null, 'a\nb\nc\nRuntimeError: getdp exited 1').message).toBe('GetDP reference driver exited 1: b | c | RuntimeError: getdp exited 1');
  });
});
