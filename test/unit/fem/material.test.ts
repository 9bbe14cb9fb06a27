import { BHCurve, MU0, resolveMaterial, TEAM13 } from '../../../services/solver/models/fem/material';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';
import { SolveError } from '../../../services/solver/models/types';

describe('TEAM 13 B-H curve', () => {
  const out = new Float64Array(2);

  it('passes through every table row', () => {
    for (let i = 1; i < TEAM13_H.length; i++) {
      TEAM13.bAndSlope(TEAM13_H[i]!, out);
      expect(out[0]).toBeCloseTo(TEAM13_B[i]!, 9);
    }
  });

  it('is monotone with positive slope everywhere, and continues with slope mu0 past the table', () => {
    let prev = -1;
    for (let h = 0; h < 80000; h += 7.3) {
      TEAM13.bAndSlope(h, out);
      expect(out[0]!).toBeGreaterThan(prev);
      expect(out[1]!).toBeGreaterThan(0);
      prev = out[0]!;
    }
    TEAM13.bAndSlope(100000, out);
    expect(out[1]).toBeCloseTo(MU0, 12);
    expect(out[0]).toBeCloseTo(2.21996 + MU0 * (100000 - 48866), 6);
  });

  it('follows Eq. (1) of the problem description between the sampled rows', () => {
    const eq1 = (h: number): number => MU0 * h - 2.381e-10 * h * h + 2.327e-5 * h + 1.59;
    for (const h of [11000, 21000, 33000, 46000]) {
      TEAM13.bAndSlope(h, out);
      expect(Math.abs(out[0]! - eq1(h))).toBeLessThan(5e-4);
    }
  });

  it('gives secant and differential permeability near saturation at 20 kA/m', () => {
    TEAM13.evaluate(20000, out);
    expect(out[0]! * MU0 * 20000).toBeCloseTo(1.98529, 4);
    expect(out[1]!).toBeLessThan(out[0]!);
    expect(out[1]!).toBeGreaterThan(1);
  });

  it('rejects non-monotone tables', () => {
    expect(() => new BHCurve('bad', [0, 10, 5], [0, 1, 2])).toThrow(/increase/);
  });
});

describe('resolveMaterial', () => {
  it('defaults to team13 and parses linear-<mur>', () => {
    expect(resolveMaterial(undefined).name).toBe('team13');
    const lin = resolveMaterial('linear-1000');
    const out = new Float64Array(2);
    lin.evaluate(12345, out);
    expect(lin.linear).toBe(true);
    expect(out[0]).toBe(1000);
  });

  it('rejects unknown names with UNSUPPORTED naming the field', () => {
    expect(() => resolveMaterial('unobtainium')).toThrow(SolveError);
    expect(() => resolveMaterial('linear-0.5')).toThrow(/material/);
  });
});
