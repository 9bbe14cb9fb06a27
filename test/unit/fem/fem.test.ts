// Verification of the FEM model on coarse meshes (each solve well under a second).

import { dipoleModel } from '../../../services/solver/models/dipole';
import { femModel, solveFem } from '../../../services/solver/models/fem';
import type { ParametricDefectCase, SensorGridSpec } from '../../../services/domain/defect';
import { SolveError } from '../../../services/solver/models/types';
import { channels, maxAbs, pearson, peakToPeak, PLATE, SMALL_GRID } from './helpers';

const coarse = { mesh: 'coarse' as const };
const solve = (d: Partial<ParametricDefectCase>, g: Partial<SensorGridSpec> = {}, material?: string) =>
  solveFem({ ...PLATE, ...d }, { ...SMALL_GRID, ...g }, { ...coarse, material });

describe('fem model: basic contract', () => {
  it('returns a [3, axial, circumferential] map with stats', () => {
    const res = femModel.solve(PLATE, SMALL_GRID, coarse);
    expect(res.data).toBeInstanceOf(Float32Array);
    expect(res.data.length).toBe(3 * SMALL_GRID.axialCount * SMALL_GRID.circumferentialCount);
    expect(res.stats.dofs).toBeGreaterThan(1000);
    expect(res.stats.residual).toBeLessThan(1e-6);
    expect(femModel.name).toBe('fem');
  });

  it('gives a flat (zero) perturbation over a defect-free plate', () => {
    const flat = solve({ defectDepthPercent: 0 });
    const withDefect = solve({});
    expect(maxAbs(flat.data)).toBeLessThan(1e-6 * maxAbs(withDefect.data));
  });

  it('rejects invalid inputs naming the field', () => {
    expect(() => solve({}, { liftOffMm: 0 })).toThrow(/liftOffMm/);
    expect(() => solveFem(PLATE, SMALL_GRID, { mesh: 'huge' as 'fine' })).toThrow(/mesh/);
  });
});

describe('fem model: symmetry (full domain, no symmetry assumed)', () => {
  const grid: SensorGridSpec = { ...SMALL_GRID, axialCount: 25, circumferentialCount: 12 };
  const full = solveFem(PLATE, grid, { ...coarse, material: 'linear-200' }, { symmetry: 'full' });
  const m = channels(full.data, grid);
  const scale = maxAbs(full.data);

  it('Bx is symmetric in x and y, Bz antisymmetric in x, By antisymmetric in y', () => {
    let worst = 0;
    for (let a = 0; a < m.na; a++)
      for (let c = 0; c < m.nc; c++) {
        const ma = m.na - 1 - a;
        const mc = m.nc - 1 - c;
        worst = Math.max(
          worst,
          Math.abs(m.at(0, a, c) - m.at(0, ma, c)),
          Math.abs(m.at(0, a, c) - m.at(0, a, mc)),
          Math.abs(m.at(2, a, c) + m.at(2, ma, c)),
          Math.abs(m.at(2, a, c) - m.at(2, a, mc)),
          Math.abs(m.at(1, a, c) + m.at(1, a, mc)),
          Math.abs(m.at(1, a, c) + m.at(1, ma, c)),
        );
      }
    expect(worst).toBeLessThan(1e-4 * scale);
  });

  it('matches the quarter model, which imposes that symmetry', () => {
    const quarter = solveFem(PLATE, grid, { ...coarse, material: 'linear-200' }, { symmetry: 'quarter' });
    let worst = 0;
    for (let i = 0; i < full.data.length; i++) worst = Math.max(worst, Math.abs(full.data[i]! - quarter.data[i]!));
    expect(worst).toBeLessThan(1e-3 * scale);
  });
});

describe('fem model: trends (TEAM 13 steel)', () => {
  it('peak-to-peak grows with depth', () => {
    const pp = [25, 50, 75].map((depth) => peakToPeak(channels(solve({ defectDepthPercent: depth }).data, SMALL_GRID).channel(2)));
    expect(pp[1]!).toBeGreaterThan(1.3 * pp[0]!);
    expect(pp[2]!).toBeGreaterThan(1.3 * pp[1]!);
  });

  it('peak-to-peak falls with lift-off', () => {
    const pp = [1, 3, 6].map((lift) => peakToPeak(channels(solve({}, { liftOffMm: lift }).data, SMALL_GRID).channel(2)));
    expect(pp[1]!).toBeLessThan(0.9 * pp[0]!);
    expect(pp[2]!).toBeLessThan(0.9 * pp[1]!);
  });

  it('a far-side defect leaks less than the same near-side one', () => {
    // In saturated steel the far-side signal stays close (~90 %) to the near-side one: the flux
    // squeezed through the ligament leaks through the near surface; in linear steel it is ~55 %.
    const near = maxAbs(solve({}).data);
    const far = maxAbs(solve({ side: 'far' }).data);
    expect(far).toBeGreaterThan(0.3 * near);
    expect(far).toBeLessThan(near);
    const nearLin = maxAbs(solve({}, {}, 'linear-100').data);
    const farLin = maxAbs(solve({ side: 'far' }, {}, 'linear-100').data);
    expect(farLin).toBeLessThan(0.7 * nearLin);
  });

  it('axial separation of the Bz extrema tracks the defect length', () => {
    const grid = { ...SMALL_GRID, axialCount: 64 };
    const separation = (length: number): number => {
      const m = channels(solve({ defectLengthMm: length }, grid).data, grid);
      const c = Math.floor(m.nc / 2);
      let amax = 0;
      let amin = 0;
      for (let a = 0; a < m.na; a++) {
        if (m.at(2, a, c) > m.at(2, amax, c)) amax = a;
        if (m.at(2, a, c) < m.at(2, amin, c)) amin = a;
      }
      return (amin - amax) * grid.axialPitchMm;
    };
    const s20 = separation(20);
    const s40 = separation(40);
    const s60 = separation(60);
    // Flux leaves upstream (Bz > 0 at x < 0) and returns downstream; extrema near the walls.
    expect(s20).toBeGreaterThan(0);
    expect(Math.abs(s40 - s20 - 20)).toBeLessThanOrEqual(6);
    expect(Math.abs(s60 - s40 - 20)).toBeLessThanOrEqual(6);
    expect(Math.abs(s40 - 40)).toBeLessThanOrEqual(8);
  });

  it('the rounded profile leaks less than the rectangular one', () => {
    expect(maxAbs(solve({ profile: 'rounded' }).data)).toBeLessThan(maxAbs(solve({}).data));
  });
});

describe('fem model: against the analytic dipole model (linear steel)', () => {
  it('Bz and Bx maps correlate (Pearson > 0.9)', () => {
    const d: ParametricDefectCase = { ...PLATE, defectLengthMm: 20, defectWidthMm: 20 };
    const fem = channels(solveFem(d, SMALL_GRID, { ...coarse, material: 'linear-100' }).data, SMALL_GRID);
    const dip = channels(dipoleModel.solve(d, SMALL_GRID, coarse).data, SMALL_GRID);
    expect(pearson(fem.channel(2), dip.channel(2))).toBeGreaterThan(0.9);
    expect(pearson(fem.channel(0), dip.channel(0))).toBeGreaterThan(0.9);
  });
});

describe('fem model: convergence control', () => {
  it('raises NOT_CONVERGED with the residual when the iteration budget is too small', () => {
    let err: unknown;
    try {
      solveFem(PLATE, SMALL_GRID, coarse, { maxNewtonIterations: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SolveError);
    expect((err as SolveError).reason).toBe('NOT_CONVERGED');
    expect((err as SolveError).message).toMatch(/relative residual \d\.\d+e-\d+/);
  });

  it('peak Bx changes little from the coarse to the standard mesh', () => {
    const c = maxAbs(channels(solve({}).data, SMALL_GRID).channel(0));
    const s = maxAbs(channels(solveFem(PLATE, SMALL_GRID, { mesh: 'standard' }).data, SMALL_GRID).channel(0));
    expect(Math.abs(c - s) / s).toBeLessThan(0.15);
  });
});
