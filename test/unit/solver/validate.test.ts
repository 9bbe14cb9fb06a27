import { createModelRegistry } from '../../../services/solver/models/registry';
import { formatIssues, validateSolveBatch } from '../../../services/solver/validate';
import { limits, simulationSpec, validRequest } from './validate-fixtures';

const registry = createModelRegistry();

function issuesOf(request: ReturnType<typeof validRequest>, lim = limits): string[] {
  const result = validateSolveBatch(request, registry, lim);
  if (result.ok) throw new Error('expected the request to be rejected');
  return result.issues;
}

describe('SolveBatch validation', () => {
  it('accepts a valid request and maps it to domain types', () => {
    const result = validateSolveBatch(validRequest(2), registry, limits);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.batch.model.name).toBe('dipole');
    expect(result.batch.settings).toEqual({ mesh: 'standard' });
    expect(result.batch.grid).toEqual({ liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 64, circumferentialCount: 32 });
    expect(result.batch.simulations[1]).toEqual({
      index: '1',
      contentHash: 'hash-1',
      defect: {
        backgroundFieldKAPerM: 20,
        wallThicknessMm: 10,
        defectLengthMm: 30,
        defectWidthMm: 20,
        defectDepthPercent: 40,
        side: 'near',
        profile: 'rectangular',
      },
    });
  });

  it('names the simulation and field of an out-of-range value', () => {
    const request = validRequest();
    request.simulations[3] = simulationSpec(3, { defectDepthPercent: 140 });
    expect(issuesOf(request)).toEqual(['simulations[3].defect_depth_percent: must be within 0..100 (got 140)']);
  });

  it('rejects NaN and Infinity', () => {
    const request = validRequest(1);
    request.simulations[0] = simulationSpec(0, { backgroundFieldKaPerM: Number.NaN });
    request.grid = { ...request.grid!, liftOffMm: Number.POSITIVE_INFINITY };
    expect(issuesOf(request)).toEqual([
      'grid.lift_off_mm: must be a finite number (got Infinity)',
      'simulations[0].background_field_ka_per_m: must be a finite number (got NaN)',
    ]);
  });

  it('rejects zero and negative sizes with the allowed range', () => {
    const request = validRequest(1);
    request.simulations[0] = simulationSpec(0, { wallThicknessMm: 0, defectLengthMm: -3 });
    expect(issuesOf(request)).toEqual([
      'simulations[0].wall_thickness_mm: must be a number > 0 and <= 100 (got 0)',
      'simulations[0].defect_length_mm: must be a number > 0 and <= 5000 (got -3)',
    ]);
  });

  it('lists the known models for an unknown model', () => {
    const request = validRequest(1);
    request.settings = { model: 'fdtd', mesh: '', material: '', bhCurve: null };
    expect(issuesOf(request)).toEqual(['settings.model: unknown model "fdtd"; known models: dipole, fem, instant']);
  });

  it('requires settings and grid', () => {
    const request = { ...validRequest(1), settings: null, grid: null };
    expect(issuesOf(request)).toEqual([
      'settings: required; settings.model must be one of: dipole, fem, instant',
      'grid: required (lift_off_mm, axial/circumferential pitch and count)',
    ]);
  });

  it('rejects unknown meshes and materials with the allowed values', () => {
    const request = validRequest(1);
    request.settings = { model: 'dipole', mesh: 'ultra', material: 'unobtainium', bhCurve: null };
    expect(issuesOf(request)).toEqual([
      'settings.mesh: model "dipole" accepts coarse, standard, fine or empty for standard (got "ultra")',
      'settings.material: model "dipole" accepts line-pipe-steel, or empty for its default (got "unobtainium")',
    ]);
  });

  it('requires an explicit defect side and profile', () => {
    const request = validRequest(1);
    request.simulations[0] = simulationSpec(0, { defectSide: 'DEFECT_SIDE_UNSPECIFIED', defectProfile: 'DEFECT_PROFILE_UNSPECIFIED' });
    expect(issuesOf(request)).toEqual([
      'simulations[0].defect_profile: must be DEFECT_PROFILE_RECTANGULAR or DEFECT_PROFILE_ROUNDED or DEFECT_PROFILE_DEPTH_MAP (got DEFECT_PROFILE_UNSPECIFIED)',
      'simulations[0].defect_side: must be DEFECT_SIDE_NEAR or DEFECT_SIDE_FAR (got DEFECT_SIDE_UNSPECIFIED)',
    ]);
  });

  it('limits the grid size and counts', () => {
    const tooMany = validRequest(1);
    tooMany.grid = { ...tooMany.grid!, axialCount: 128, circumferentialCount: 64 };
    expect(issuesOf(tooMany)).toEqual(['grid: axial_count x circumferential_count = 8192 sensor points; at most 4096 allowed']);
    const empty = validRequest(1);
    empty.grid = { ...empty.grid!, circumferentialCount: 0 };
    expect(issuesOf(empty)).toEqual(['grid.circumferential_count: must be an integer within 1..1000000 (got 0)']);
  });

  it('rejects a batch larger than the maximum', () => {
    expect(issuesOf(validRequest(11))).toEqual(['simulations: at most 10 per batch (got 11)']);
  });

  it('rejects a batch whose maps would not fit in one response', () => {
    // 10 maps x 64 x 32 points x 3 channels x 4 bytes = 245,760 bytes.
    expect(issuesOf(validRequest(10), { ...limits, maxResponseBytes: 200 * 1024 })).toEqual([
      'simulations: 10 maps of this grid need 0.23 MiB, over the 0.20 MiB response limit; send smaller batches',
    ]);
  });

  it('reports every bad simulation, capped in the status details', () => {
    const request = validRequest(10);
    request.simulations = request.simulations.map((spec, i) => ({ ...spec, defectDepthPercent: 101 + i }));
    const issues = issuesOf(request);
    expect(issues).toHaveLength(10);
    expect(issues[9]).toBe('simulations[9].defect_depth_percent: must be within 0..100 (got 110)');
    const details = formatIssues([...issues, ...issues, ...issues]);
    expect(details.split('; ')).toHaveLength(21);
    expect(details.endsWith('; and 10 more')).toBe(true);
  });

  it('maps a depth map to a depth-map defect whose extent and depth are derived from it', () => {
    const request = validRequest(1);
    const depthMap = { axialPitchMm: 2, circumferentialPitchMm: 1, axialCount: 3, circumferentialCount: 2, depthsMm: [0, 0, 1, 2.5, 0, 0] };
    // The scalar fields are derived: what was sent (here nonsense) is not checked.
    request.simulations[0] = simulationSpec(0, { defectProfile: 'DEFECT_PROFILE_DEPTH_MAP', depthMap, defectLengthMm: -1, defectDepthPercent: 900 });
    const result = validateSolveBatch(request, registry, limits);
    if (!result.ok) throw new Error(result.issues.join('; '));
    const defect = result.batch.simulations[0]!.defect;
    expect(defect).toMatchObject({ profile: 'depth-map', defectLengthMm: 2, defectWidthMm: 2, defectDepthPercent: 25, side: 'near', wallThicknessMm: 10 });
    expect(defect.profile === 'depth-map' && Array.from(defect.depthMap.depthsMm)).toEqual([0, 0, 1, 2.5, 0, 0]);
  });

  it('names every bad part of a depth map', () => {
    const spec = (depthMap: object | null, extra = {}) => {
      const request = validRequest(1);
      request.simulations[0] = simulationSpec(0, { defectProfile: 'DEFECT_PROFILE_DEPTH_MAP', depthMap: depthMap as never, ...extra });
      return issuesOf(request);
    };
    const base = { axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 2, circumferentialCount: 2, depthsMm: [1, 1, 1, 1] };
    expect(spec(null)).toEqual(['simulations[0].depth_map: required when defect_profile is DEFECT_PROFILE_DEPTH_MAP']);
    expect(spec({ ...base, axialPitchMm: 0 })).toEqual(['simulations[0].depth_map.axial_pitch_mm: must be a number > 0 and <= 1000 (got 0)']);
    expect(spec({ ...base, circumferentialCount: 600 })).toEqual(['simulations[0].depth_map.circumferential_count: must be an integer within 1..512 (got 600)']);
    expect(spec({ ...base, depthsMm: [1, 1, 1] })).toEqual(['simulations[0].depth_map.depths_mm: must hold axial_count x circumferential_count = 4 values (got 3)']);
    expect(spec({ ...base, depthsMm: [1, Number.NaN, -1, 11] })).toEqual([
      'simulations[0].depth_map.depths_mm[1]: must be a depth in mm from 0 to the wall thickness 10 (got NaN)',
      'simulations[0].depth_map.depths_mm[2]: must be a depth in mm from 0 to the wall thickness 10 (got -1)',
      'simulations[0].depth_map.depths_mm[3]: must be a depth in mm from 0 to the wall thickness 10 (got 11)',
    ]);
    expect(spec({ ...base, depthsMm: [0, 0, 0, 0] })).toEqual(['simulations[0].depth_map.depths_mm: at least one cell must have a depth above 0 (all are 0)']);
    const boxWithMap = validRequest(1);
    boxWithMap.simulations[0] = simulationSpec(0, { depthMap: base });
    expect(issuesOf(boxWithMap)).toEqual(['simulations[0].depth_map: only with defect_profile DEFECT_PROFILE_DEPTH_MAP (got DEFECT_PROFILE_RECTANGULAR)']);
  });
});
