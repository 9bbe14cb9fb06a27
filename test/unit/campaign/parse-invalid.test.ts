import {
  CampaignSpecError,
  formatSpecIssues,
  isCampaignSpecError,
  loadCampaignSpec,
  parseCampaignSpec,
  parseCampaignSpecObject,
  type SpecIssue,
} from '../../../services/campaign';
import { MAX_LIST_VALUES } from '../../../services/campaign/spec-fields';

const SOLVER = 'solver: { model: dipole }\n';

function issuesOf(yaml: string): SpecIssue[] {
  const r = parseCampaignSpec(yaml);
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors;
}

/** Exactly one issue at `path`, and its message matches. */
function expectIssue(issues: SpecIssue[], path: string, message: string | RegExp): void {
  const at = issues.filter((i) => i.path === path);
  expect(at.map((i) => i.message)).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
}

describe('parseCampaignSpec: invalid specs', () => {
  it('rejects wrong types with the expected type and the given value', () => {
    const issues = issuesOf(`name: x\ncount: "many"\nsampler: sobol\nbatchSize: [1]\nafter: { gapCheck: yes }\nlimits: 3\n${SOLVER}`);
    expectIssue(issues, 'count', "must be an integer between 1 and 10000000 (got 'many')");
    expectIssue(issues, 'batchSize', 'must be an integer between 1 and 5000 (got a list)');
    expectIssue(issues, 'after.gapCheck', "must be true or false (got 'yes')");
    expectIssue(issues, 'limits', /must be an object with keys maxShardsInFlight, maxBatchesInFlight \(got 3\)/);
  });

  it('rejects out-of-range numbers and says which bounds are allowed', () => {
    const issues = issuesOf(`
name: x
count: 10
seed: -1
sampler: sobol
parameters:
  defectDepth: { min: 0, max: 140 }
  backgroundField: 500
  defectLength: { values: [10, 2000] }
solver:
  model: dipole
  sensorGrid: { axialCount: 0, axialPitch: 0, liftOff: 51 }
priority: 11
shardSize: 1.5
`);
    expectIssue(issues, 'seed', /^must be an integer between 0 and \d+ \(got -1\)$/);
    expectIssue(issues, 'parameters.defectDepth.min', 'must be a number between 0 (exclusive) and 100 (got 0)');
    expectIssue(issues, 'parameters.defectDepth.max', 'must be a number between 0 (exclusive) and 100 (got 140)');
    expectIssue(issues, 'parameters.backgroundField', 'must be a number between 1 and 200 (got 500)');
    expectIssue(issues, 'parameters.defectLength.values[1]', 'must be a number between 0.5 and 1000 (got 2000)');
    expectIssue(issues, 'solver.sensorGrid.axialCount', 'must be an integer between 1 and 512 (got 0)');
    expectIssue(issues, 'solver.sensorGrid.axialPitch', 'must be a number between 0 (exclusive) and 50 (got 0)');
    expectIssue(issues, 'solver.sensorGrid.liftOff', 'must be a number between 0 and 50 (got 51)');
    expectIssue(issues, 'priority', 'must be an integer between -10 and 10 (got 11)');
    expectIssue(issues, 'shardSize', 'must be an integer between 1 and 1000 (got 1.5)');
  });

  it('rejects min > max, empty lists and malformed parameter shapes', () => {
    const issues = issuesOf(`
name: x
count: 10
sampler: uniform
parameters:
  defectLength: { min: 50, max: 10 }
  defectWidth: { values: [] }
  wallThickness: "thick"
  defectSide: { values: [near, middle] }
  defectProfile: 3
${SOLVER}`);
    expectIssue(issues, 'parameters.defectLength.max', 'must be greater than or equal to min (min 50, got 10)');
    expectIssue(issues, 'parameters.defectWidth.values', /non-empty list.*\(got an empty list\)/);
    expectIssue(issues, 'parameters.wallThickness', /a \{min, max\} range or a \{values: \[\.\.\.\]\} list \(got 'thick'\)/);
    expectIssue(issues, 'parameters.defectSide.values[1]', "must be one of near, far (got 'middle')");
    expectIssue(issues, 'parameters.defectProfile', 'must be one of rectangular, rounded (got 3)');
  });

  it('rejects an oversized values list with one error naming the list, not one per item', () => {
    const issues = issuesOf(`
name: x
count: 10
sampler: uniform
parameters:
  defectSide: { values: [${Array(MAX_LIST_VALUES + 1).fill('sideways').join(', ')}] }
${SOLVER}`);
    expectIssue(issues, 'parameters.defectSide.values', new RegExp(`at most ${MAX_LIST_VALUES} items.*\\(got ${MAX_LIST_VALUES + 1} items\\)`));
    expect(issues.filter((i) => i.path.startsWith('parameters.defectSide'))).toHaveLength(1);
  });

  it('names unknown keys at every level and lists the allowed keys', () => {
    const issues = issuesOf(`
name: x
count: 10
sampler: sobol
colour: red
parameters:
  defectDeph: 30
  defectDepth: { min: 10, max: 20, mean: 15 }
solver: { model: dipole, sensorGrid: { pitch: 2 } }
`);
    expectIssue(issues, 'colour', /^unknown key 'colour' \(allowed keys: name, count, seed, sampler, parameters, solver, batchSize/);
    expectIssue(issues, 'parameters.defectDeph', /^unknown key 'defectDeph' \(allowed keys: backgroundField, .*defectDepth/);
    expectIssue(issues, 'parameters.defectDepth.mean', "unknown key 'mean' (allowed keys: min, max, steps)");
    expectIssue(issues, 'solver.sensorGrid.pitch', /^unknown key 'pitch' \(allowed keys: liftOff, axialPitch/);
  });

  it('rejects unknown samplers, and table as not supported yet', () => {
    expectIssue(issuesOf(`name: x\ncount: 1\nsampler: random\n${SOLVER}`), 'sampler', "must be one of grid, uniform, latin-hypercube, sobol, scan (got 'random')");
    expectIssue(issuesOf(`name: x\ncount: 1\nsampler: table\n${SOLVER}`), 'sampler', /^'table' is not supported yet .*use one of grid, uniform/);
    expectIssue(issuesOf(`name: x\ncount: 1\nsampler: sobol\nsolver: { model: magic }\n`), 'solver.model', "must be one of dipole, fem, instant (got 'magic')");
  });

  it('requires steps on grid ranges, and rejects steps under other samplers', () => {
    const grid = issuesOf(`name: x\nsampler: grid\nparameters: { defectDepth: { min: 10, max: 90 } }\n${SOLVER}`);
    expectIssue(grid, 'parameters.defectDepth.steps', /^is required by the grid sampler/);
    const sobol = issuesOf(`name: x\ncount: 5\nsampler: sobol\nparameters: { defectDepth: { min: 10, max: 90, steps: 3 } }\n${SOLVER}`);
    expectIssue(sobol, 'parameters.defectDepth.steps', "is only used by the grid sampler (sampler is 'sobol'); remove it");
  });

  it('rejects a grid count that differs from the product, and a missing count elsewhere', () => {
    const grid = issuesOf(`name: x\nsampler: grid\ncount: 20\nparameters: { defectDepth: { min: 10, max: 90, steps: 3 } }\n${SOLVER}`);
    expectIssue(grid, 'count', 'must equal the grid size 6 (defectDepth 3 × defectSide 2) or be omitted (got 20)');
    expectIssue(issuesOf(`name: x\nsampler: uniform\n${SOLVER}`), 'count', 'is required for the uniform sampler: an integer between 1 and 10000000');
  });

  it('rejects a grid larger than the maximum campaign', () => {
    const issues = issuesOf(`name: x\nsampler: grid\nparameters:\n  defectDepth: { min: 10, max: 90, steps: 5000 }\n  defectLength: { min: 10, max: 90, steps: 5000 }\n${SOLVER}`);
    expectIssue(issues, 'parameters', /^the grid has 50000000 points .*more than the maximum 10000000$/);
  });

  it('requires a name, a sampler and a solver model', () => {
    const issues = issuesOf('count: 5\nsolver: {}\n');
    expectIssue(issues, 'name', /^is required: a name of lowercase letters/);
    expectIssue(issues, 'sampler', 'is required: one of grid, uniform, latin-hypercube, sobol, scan');
    expectIssue(issues, 'solver.model', 'is required: one of dipole, fem, instant');
    expectIssue(issuesOf(`name: Demo_1\ncount: 1\nsampler: sobol\n${SOLVER}`), 'name', /\(got 'Demo_1'\)$/);
  });

  it('reports every error at once, with YAML positions', () => {
    const issues = issuesOf(`name: ok\ncount: 0\nsampler: grid\nparameters:\n  defectDepth: { min: 10, max: 90 }\nsolver: { model: magic }\n`);
    expect(issues.map((i) => i.path).sort()).toEqual(['count', 'parameters.defectDepth.steps', 'solver.model']);
    expect(issues.find((i) => i.path === 'solver.model')).toMatchObject({ line: 6, column: 18 });
  });

  it('turns YAML syntax errors into an issue with line and column', () => {
    const r = parseCampaignSpec('name: x\nsampler: [sobol\ncount: 3\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    const [first] = r.ok ? [] : r.errors;
    expect(first).toMatchObject({ path: '', line: expect.any(Number), column: expect.any(Number) });
    expect(first!.message).toMatch(/^YAML syntax error in bad\.yaml: /);
    expect(issuesOf('name: a\nname: b\n')[0]!.message).toMatch(/YAML syntax error/); // duplicate keys
  });

  it('rejects documents that are not a mapping', () => {
    for (const text of ['', '- a\n- b\n', '42\n']) {
      expect(issuesOf(text)).toEqual([{ path: '', message: expect.stringMatching(/^must be an object with keys name, count/) }]);
    }
    expect(parseCampaignSpecObject(null).ok).toBe(false);
  });

  it('formats issues one per line and throws a typed error from loadCampaignSpec', () => {
    const issues = issuesOf(`name: x\ncount: 0\nsampler: random\n${SOLVER}`);
    expect(formatSpecIssues([{ path: 'count', message: 'm1' }, { path: '', message: 'm2' }])).toBe('count: m1\n(spec): m2');
    let caught: unknown;
    try {
      loadCampaignSpec(`name: x\ncount: 0\nsampler: random\n${SOLVER}`, 'x.yaml');
    } catch (err) {
      caught = err;
    }
    expect(isCampaignSpecError(caught)).toBe(true);
    expect(isCampaignSpecError(new Error('x'))).toBe(false);
    const err = caught as CampaignSpecError;
    expect(err.issues).toEqual(issues);
    expect(err.name).toBe('CampaignSpecError');
    expect(err.message).toContain('invalid campaign spec x.yaml:\ncount (line 2, column 8): must be an integer');
  });
});
