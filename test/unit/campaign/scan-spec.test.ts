import { parseCampaignSpec, specHash, type SpecIssue } from '../../../services/campaign';

const SOLVER = 'solver: { model: fem }\n';

function issuesOf(yaml: string): SpecIssue[] {
  const r = parseCampaignSpec(yaml);
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors;
}

/** The messages at `path`. */
function at(issues: SpecIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}

const scanSpec = (scan: string, extra = '') => `name: s\ncount: 10\nsampler: scan\nscan: ${scan}\n${extra}${SOLVER}`;

describe('sampler: scan, valid specs', () => {
  it('fills the defaults: scales 1, no mirror or turn, the field range, the wall and side as scanned', () => {
    const r = parseCampaignSpec(scanSpec('{ library: standin-corrosion }'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.sampler).toBe('scan');
    if (r.spec.sampler !== 'scan') return;
    expect(r.spec.scan).toEqual({ library: 'standin-corrosion', lengthScale: 1, widthScale: 1, depthScale: 1, mirror: { axial: 0, circumferential: 0 }, rotate180: 0 });
    expect(r.spec.parameters).toEqual({ backgroundField: { min: 10, max: 35 }, wallThickness: 'as-scanned', defectSide: 'as-scanned' });
    expect('quotas' in r.spec).toBe(false);
  });

  it('takes ranges, lists, probabilities, a pinned content hash, walls and sides', () => {
    const r = parseCampaignSpec(
      scanSpec(
        `{ library: Dig_Site.2024, libraryContentHash: '${'a'.repeat(64)}', lengthScale: { min: 0.5, max: 2 }, widthScale: { values: [0.5, 1, 2] }, depthScale: 0.8, mirror: { axial: 0.5 }, rotate180: 1 }`,
        'parameters: { backgroundField: 20, wallThickness: { min: 6, max: 16 }, defectSide: { values: [near, far] } }\n',
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    if (r.spec.sampler !== 'scan') throw new Error('not a scan spec');
    expect(r.spec.scan).toEqual({
      library: 'Dig_Site.2024',
      libraryContentHash: 'a'.repeat(64),
      lengthScale: { min: 0.5, max: 2 },
      widthScale: { values: [0.5, 1, 2] },
      depthScale: 0.8,
      mirror: { axial: 0.5, circumferential: 0 },
      rotate180: 1,
    });
    expect(r.spec.parameters).toEqual({ backgroundField: 20, wallThickness: { min: 6, max: 16 }, defectSide: { values: ['near', 'far'] } });
  });

  it('leaves parametric specs with the keys they had, so their hashes stay what they were', () => {
    const r = parseCampaignSpec('name: p\ncount: 10\nsampler: sobol\nsolver: { model: dipole }\n');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(Object.keys(r.spec).sort()).toEqual(['after', 'batchSize', 'count', 'limits', 'name', 'parameters', 'priority', 'sampler', 'seed', 'shardSize', 'solver']);
    // Computed before the scan sampler existed.
    expect(specHash(r.spec)).toBe('3821c9b4050b5913c554c28d7e762908a07a60150ab05084bc072fb2d3941e3a');
    const grid = parseCampaignSpec('name: g\nsampler: grid\nparameters: { wallThickness: { min: 5, max: 10, steps: 3 } }\nsolver: { model: fem, mesh: coarse }\n');
    if (!grid.ok) throw new Error(JSON.stringify(grid.errors));
    expect(specHash(grid.spec)).toBe('7fd8ec50c12aca7f18063c2a0ab675b7890bd91c01f24648570e60fca7c5d549');
  });
});

describe('sampler: scan, invalid specs name the field and what is allowed', () => {
  it('requires the scan block with the scan sampler, and a count', () => {
    const issues = issuesOf(`name: s\nsampler: scan\n${SOLVER}`);
    expect(at(issues, 'scan')).toEqual(['is required by the scan sampler: { library: NAME } plus optional lengthScale, widthScale, depthScale, mirror, rotate180']);
    expect(at(issues, 'count')).toEqual(['is required for the scan sampler: an integer between 1 and 10000000']);
  });

  it('refuses the scan block and as-scanned with other samplers', () => {
    const issues = issuesOf(`name: s\ncount: 5\nsampler: sobol\nscan: { library: x }\nparameters: { wallThickness: as-scanned, defectSide: as-scanned }\n${SOLVER}`);
    expect(at(issues, 'scan')).toEqual(["is used by the scan sampler only (sampler is 'sobol'); remove it or set sampler: scan"]);
    expect(at(issues, 'parameters.wallThickness')).toEqual(["'as-scanned' is for the scan sampler only (sampler is 'sobol'); give a value, a range or a list"]);
    expect(at(issues, 'parameters.defectSide')).toEqual(["'as-scanned' is for the scan sampler only (sampler is 'sobol'); give a value, a range or a list"]);
  });

  it('refuses the parametric geometry, quotas and grid steps under the scan sampler', () => {
    const issues = issuesOf(
      scanSpec(
        '{ library: x }',
        'parameters: { defectLength: 10, defectWidth: 10, defectDepth: 50, defectProfile: rounded, wallThickness: { min: 6, max: 9, steps: 3 } }\nquotas: { general: 1 }\n',
      ),
    );
    expect(at(issues, 'parameters.defectLength')).toEqual(['is set by each library defect under the scan sampler (vary it with scan.lengthScale); remove it']);
    expect(at(issues, 'parameters.defectWidth')).toEqual(['is set by each library defect under the scan sampler (vary it with scan.widthScale); remove it']);
    expect(at(issues, 'parameters.defectDepth')).toEqual(['is set by each library defect under the scan sampler (vary it with scan.depthScale); remove it']);
    expect(at(issues, 'parameters.defectProfile')).toEqual(['is set by each library defect under the scan sampler (a scanned defect is its depth map); remove it']);
    expect(at(issues, 'parameters.wallThickness.steps')).toEqual(["is only used by the grid sampler (sampler is 'scan'); remove it"]);
    expect(at(issues, 'quotas')).toEqual([
      "cannot be used with the scan sampler (each simulation's class follows from its library defect and scaling); remove it, or use uniform, latin-hypercube, sobol",
    ]);
  });

  it('checks the library name and the pinned content hash', () => {
    expect(at(issuesOf(scanSpec('{ lengthScale: 2 }')), 'scan.library')).toEqual([
      'is required: a library name: letters, digits, dots, dashes and underscores, starting with a letter or digit, at most 64 characters',
    ]);
    expect(at(issuesOf(scanSpec("{ library: '-bad name' }")), 'scan.library')).toEqual([
      "must be a library name: letters, digits, dots, dashes and underscores, starting with a letter or digit, at most 64 characters (got '-bad name')",
    ]);
    expect(at(issuesOf(scanSpec('{ library: x, libraryContentHash: abc }')), 'scan.libraryContentHash')).toEqual(["must be 64 lowercase hex digits (sha256) (got 'abc')"]);
  });

  it('bounds the scales, and refuses min > max and grid steps', () => {
    const issues = issuesOf(scanSpec('{ library: x, lengthScale: 0.05, widthScale: { min: 2, max: 1 }, depthScale: { min: 0.5, max: 6, steps: 4 } }'));
    expect(at(issues, 'scan.lengthScale')).toEqual(['must be a number between 0.1 and 10 (got 0.05)']);
    expect(at(issues, 'scan.widthScale.max')).toEqual(['must be greater than or equal to min (min 2, got 1)']);
    expect(at(issues, 'scan.depthScale.max')).toEqual(['must be a number between 0.05 and 5 (got 6)']);
    const steps = issuesOf(scanSpec('{ library: x, depthScale: { min: 0.5, max: 2, steps: 4 } }'));
    expect(at(steps, 'scan.depthScale.steps')).toEqual(["is only used by the grid sampler (sampler is 'scan'); remove it"]);
  });

  it('bounds the probabilities and refuses unknown keys', () => {
    const issues = issuesOf(scanSpec('{ library: x, mirror: { axial: 1.5, diagonal: 1 }, rotate180: yes, shear: 2 }'));
    expect(at(issues, 'scan.mirror.axial')).toEqual(['must be a number between 0 and 1 (got 1.5)']);
    expect(at(issues, 'scan.mirror.diagonal')).toEqual(["unknown key 'diagonal' (allowed keys: axial, circumferential)"]);
    expect(at(issues, 'scan.rotate180')).toEqual(["must be a number between 0 and 1 (got 'yes')"]);
    expect(at(issues, 'scan.shear')).toEqual([
      "unknown key 'shear' (allowed keys: library, libraryContentHash, lengthScale, widthScale, depthScale, mirror, rotate180, fieldVerifications)",
    ]);
  });

  it('keeps the messages of a wall or side that is neither as-scanned nor valid', () => {
    const issues = issuesOf(scanSpec('{ library: x }', 'parameters: { wallThickness: thick, defectSide: { values: [near, middle] } }\n'));
    expect(at(issues, 'parameters.wallThickness')).toEqual([expect.stringMatching(/a \{min, max\} range or a \{values: \[\.\.\.\]\} list \(got 'thick'\)$/)]);
    expect(at(issues, 'parameters.defectSide.values[1]')).toEqual(["must be one of near, far (got 'middle')"]);
  });
});
