import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelSettingsOf, parseCampaignSpec, parseCampaignSpecObject, simulationContentHash, specHash, type SimulationIdentity } from '../../../services/campaign';
import { TEAM13_SHA256, bhCurveSha256 } from '../../../services/solver/models/fem/material';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';

const fem = (material: string): string => `name: steel\ncount: 10\nsampler: sobol\nsolver:\n  model: fem\n  material: ${material}\n`;
const SOFT = ['H [A/m],B [T]', '0,0', '200,0.8', '1000,1.3', '5000,1.6', '20000,1.85', '60000,2.0'].join('\n');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-spec-'));
  fs.mkdirSync(path.join(dir, 'steels'));
  fs.writeFileSync(path.join(dir, 'steels', 'soft.csv'), `# a softer steel\n${SOFT}\n`);
  fs.writeFileSync(path.join(dir, 'steels', 'broken.csv'), 'H [A/m],B [T]\n0,0\n200,0.8\n150,1.3\n5000,1.6\n20000,1.5\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function errorsOf(yaml: string, baseDir?: string): string[] {
  const r = parseCampaignSpec(yaml, 'spec.yaml', { baseDir });
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors.map((e) => `${e.path}${e.line === undefined ? '' : ` (line ${e.line})`}: ${e.message}`);
}

describe('spec materials', () => {
  it('reads a table file next to the spec into solver.bhCurve, with its content hash', () => {
    const r = parseCampaignSpec(fem('{ table: steels/soft.csv }'), 'spec.yaml', { baseDir: dir });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const hAPerM = [0, 200, 1000, 5000, 20000, 60000];
    const bT = [0, 0.8, 1.3, 1.6, 1.85, 2.0];
    expect(r.spec.solver.material).toBe('soft');
    expect(r.spec.solver.bhCurve).toEqual({ name: 'soft', source: 'steels/soft.csv', sha256: bhCurveSha256(hAPerM, bT), hAPerM, bT });
    // The catalog stores the parsed spec; reading it back needs no file and changes nothing.
    const again = parseCampaignSpecObject(JSON.parse(JSON.stringify(r.spec)));
    expect(again).toEqual({ ok: true, spec: r.spec });
    const team13 = parseCampaignSpec(fem('team13'));
    expect(team13.ok && specHash(team13.spec)).toMatch(/^[0-9a-f]{64}$/);
    expect(team13.ok && specHash(team13.spec)).not.toBe(specHash(r.spec));
  });

  it('names the spec field, the file and the row of a bad table', () => {
    expect(errorsOf(fem('{ table: steels/broken.csv }'), dir)).toEqual([
      'solver.material.table (line 6): steels/broken.csv line 4 (row 3): H must increase from row to row (150 A/m after 200 A/m)',
      'solver.material.table (line 6): steels/broken.csv line 6 (row 5): B must increase from row to row (1.5 T after 1.6 T)',
    ]);
    expect(errorsOf(fem('{ table: steels/missing.csv }'), dir)).toEqual(['solver.material.table (line 6): cannot read the B-H table steels/missing.csv (ENOENT)']);
  });

  it('cannot read a table for a spec given as text, and lists the named curves for an unknown name', () => {
    expect(errorsOf(fem('{ table: steels/soft.csv }'))[0]).toMatch(/^solver\.material\.table \(line 6\): cannot read steels\/soft\.csv: this spec is not a file/);
    expect(errorsOf(fem('x52'))).toEqual([
      "solver.material (line 6): unknown material 'x52'; allowed: a curve in materials/ (team13 (the default)), linear-<mu_r> (e.g. linear-1000), or { table: <file.csv> } with rows of H [A/m] and B [T]",
    ]);
    expect(errorsOf(fem('../../etc/passwd'))[0]).toMatch(/unknown material '\.\.\/\.\.\/etc\/passwd'/);
    expect(errorsOf(fem('linear-abc'))).toEqual(["solver.material (line 6): 'linear-abc' is not linear-<mu_r> with a number mu_r >= 1 (e.g. linear-1000)"]);
  });

  it('takes a table for the fem model only', () => {
    const yaml = 'name: d\ncount: 1\nsampler: sobol\nsolver: { model: dipole, material: { table: steels/soft.csv } }\n';
    expect(errorsOf(yaml, dir)).toEqual(["solver.material (line 4): a B-H table is used by the fem model only (model is 'dipole')"]);
  });

  it('checks an inline curve row by row, and its hash against its rows', () => {
    const inline = (rows: string, extra = ''): unknown => JSON.parse(`{"name":"i","count":1,"sampler":"sobol","solver":{"model":"fem","bhCurve":{"name":"mine",${extra}${rows}}}}`);
    const bad = parseCampaignSpecObject(inline('"hAPerM":[0,10,20,30],"bT":[0,1,0.5,2]'));
    expect(bad.ok ? [] : bad.errors).toEqual([
      { path: 'solver.bhCurve', message: 'the table: needs 5 to 1000 rows of H [A/m] and B [T] (got 4)' },
      { path: 'solver.bhCurve', message: 'row 3 (hAPerM[2], bT[2]): B must increase from row to row (0.5 T after 1 T)' },
    ]);
    const tampered = parseCampaignSpecObject(inline('"hAPerM":[0,200,1000,5000,20000],"bT":[0,0.8,1.3,1.6,1.85]', `"sha256":"${TEAM13_SHA256}",`));
    expect(tampered.ok ? [] : tampered.errors.map((e) => e.path)).toEqual(['solver.bhCurve.sha256']);
    const ok = parseCampaignSpecObject(inline('"hAPerM":[0,200,1000,5000,20000],"bT":[0,0.8,1.3,1.6,1.85]'));
    expect(ok.ok && ok.spec.solver.material).toBe('mine');
  });
});

describe('a simulation identity holds its B-H curve', () => {
  const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 };
  const defect = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 30, defectWidthMm: 40, defectDepthPercent: 50, side: 'near', profile: 'rectangular' } as const;
  const identity = (yaml: string, baseDir?: string): SimulationIdentity => {
    const r = parseCampaignSpec(yaml, 'spec.yaml', { baseDir });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return { solverName: 'synthflux-reference', solverVersion: '1', model: 'fem', settings: modelSettingsOf(r.spec), grid, defect };
  };

  it('differs between curves and equals for equal content, whatever the name or file', () => {
    const team13 = simulationContentHash(identity(fem('team13')));
    const soft = simulationContentHash(identity(fem('{ table: steels/soft.csv }'), dir));
    const byDefault = simulationContentHash(identity('name: steel\ncount: 10\nsampler: sobol\nsolver: { model: fem }\n'));
    expect(soft).not.toBe(team13);
    expect(byDefault).toBe(team13); // the default is TEAM 13: the cache shares their maps
    fs.writeFileSync(path.join(dir, 'copy-of-team13.csv'), `H [A/m],B [T]\n${TEAM13_H.map((h, i) => `${h},${TEAM13_B[i]}`).join('\n')}\n`);
    expect(simulationContentHash(identity(fem('{ table: copy-of-team13.csv }'), dir))).toBe(team13);
    const linear = simulationContentHash(identity(fem('linear-1000')));
    expect(new Set([team13, soft, linear]).size).toBe(3);
  });

  it('changes when one row of a curve changes', () => {
    const base = identity(fem('{ table: steels/soft.csv }'), dir);
    const curve = base.settings.bhCurve!;
    const bT = [...curve.bT];
    bT[3] = 1.61;
    const changed = { ...base, settings: { ...base.settings, bhCurve: { ...curve, bT, sha256: bhCurveSha256(curve.hAPerM, bT) } } };
    expect(simulationContentHash(changed)).not.toBe(simulationContentHash(base));
  });
});
