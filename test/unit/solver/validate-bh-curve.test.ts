import { bhCurveSha256, TEAM13_SHA256 } from '../../../services/solver/models/fem/material';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';
import { createModelRegistry } from '../../../services/solver/models/registry';
import { validateSolveBatch } from '../../../services/solver/validate';
import { limits, validRequest } from './validate-fixtures';

const registry = createModelRegistry();

type Settings = NonNullable<ReturnType<typeof validRequest>['settings']>;

function validate(settings: Partial<Settings>) {
  const request = validRequest(1);
  request.settings = { model: 'fem', mesh: 'coarse', material: '', bhCurve: null, ...settings };
  return validateSolveBatch(request, registry, limits);
}

function issuesOf(settings: Partial<Settings>): string[] {
  const result = validate(settings);
  if (result.ok) throw new Error('expected the request to be rejected');
  return result.issues;
}

const soft = { name: 'soft', sha256: '', hAPerM: [0, 200, 1000, 5000, 20000], bT: [0, 0.8, 1.3, 1.6, 1.85] };

describe('SolveBatch validation of materials', () => {
  it('passes a B-H table to the fem model, with its content hash', () => {
    const result = validate({ material: 'soft', bhCurve: soft });
    expect(result.ok && result.batch.settings).toEqual({ mesh: 'coarse', material: 'soft', bhCurve: { ...soft, sha256: bhCurveSha256(soft.hAPerM, soft.bT) } });
    const team13 = validate({ bhCurve: { name: 'team13', sha256: TEAM13_SHA256, hAPerM: [...TEAM13_H], bT: [...TEAM13_B] } });
    expect(team13.ok).toBe(true);
  });

  it('keeps requests without a table meaning the named material, TEAM 13 when empty', () => {
    for (const material of ['', 'team13', 'linear-1000', 'linear-1.5']) {
      const result = validate({ material });
      expect(result.ok && result.batch.settings).toEqual(material === '' ? { mesh: 'coarse' } : { mesh: 'coarse', material });
    }
    expect(issuesOf({ material: 'x52' })).toEqual([
      'settings.material: model "fem" accepts team13 (the default), linear-<mu_r >= 1> (e.g. linear-1000), or a B-H table in settings.bh_curve (got "x52")',
    ]);
    expect(issuesOf({ material: 'linear-0.5' })[0]).toMatch(/^settings\.material: model "fem" accepts/);
  });

  it('names the row of a bad table', () => {
    expect(issuesOf({ bhCurve: { ...soft, bT: [0, 0.8, 0.7, 1.6, 1.85] } })).toEqual(['settings.bh_curve row 3: B must increase from row to row (0.7 T after 0.8 T)']);
    expect(issuesOf({ bhCurve: { ...soft, hAPerM: [0, 200, 1000, 5000] } })).toEqual(['settings.bh_curve: has 4 H values and 5 B values; each row needs one of each']);
    expect(issuesOf({ bhCurve: { ...soft, hAPerM: [0, 200, 1000], bT: [0, 0.8, 1.3] } })).toEqual(['settings.bh_curve: needs 5 to 1000 rows of H [A/m] and B [T] (got 3)']);
    expect(issuesOf({ bhCurve: { ...soft, hAPerM: [0, 200, Number.NaN, 5000, 20000] } })).toEqual(['settings.bh_curve row 3: H must be a number from 0 to 100000000 A/m (got NaN)']);
  });

  it('rejects a table whose hash does not match its rows, or a material that names another curve', () => {
    expect(issuesOf({ bhCurve: { ...soft, sha256: TEAM13_SHA256 } })).toEqual([
      `settings.bh_curve.sha256: "${TEAM13_SHA256}" does not match the rows' content (${bhCurveSha256(soft.hAPerM, soft.bT)})`,
    ]);
    expect(issuesOf({ material: 'team13', bhCurve: soft })).toEqual([`settings.material: must be empty or the curve's name "soft" when settings.bh_curve is set (got "team13")`]);
  });

  it('rejects a table for a model that takes none', () => {
    const request = validRequest(1);
    request.settings = { model: 'dipole', mesh: '', material: '', bhCurve: soft };
    const result = validateSolveBatch(request, registry, limits);
    expect(result.ok ? [] : result.issues).toEqual(['settings.bh_curve: model "dipole" takes no B-H curve; leave it unset']);
  });
});
