// Depth-map defects in the dipole model (superposed axial steps): a box's map is the box, mirror
// images give mirrored maps, and deeper metal loss leaks more.

import type { DepthMapGrid, ParametricDefectCase, SensorGridSpec } from '../../../services/domain/defect';
import { depthMapDefect, mirrorDepthMap, parametricDepthMap, scaleDepthMap } from '../../../services/domain/depth-map';
import { dipoleModel } from '../../../services/solver/models/dipole';

const GRID: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 32, circumferentialCount: 24 };
const BOX: ParametricDefectCase = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 24, defectWidthMm: 16, defectDepthPercent: 40, side: 'near', profile: 'rectangular' };
const solve = (d: Parameters<typeof dipoleModel.solve>[0]) => dipoleModel.solve(d, GRID, { mesh: 'standard' }).data;
const maxAbs = (v: Float32Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

function ramp(): DepthMapGrid {
  const na = 12;
  const nc = 8;
  const depthsMm = new Float64Array(na * nc);
  for (let i = 0; i < na; i++) for (let j = 0; j < nc; j++) depthsMm[i * nc + j] = 1 + (3 * i) / (na - 1) + (j === 3 ? 0.5 : 0);
  return { axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: na, circumferentialCount: nc, depthsMm };
}

describe('dipole depth maps', () => {
  it.each(['near', 'far'] as const)('a depth map of a box gives the box map (%s side)', (side) => {
    const box = { ...BOX, side };
    const a = solve(box);
    const b = solve(depthMapDefect(box, parametricDepthMap(box, 2, 1)));
    let worst = 0;
    for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
    expect(worst / maxAbs(a)).toBeLessThan(1e-5);
  });

  it('a mirror image across x gives the mirrored map: Bx even, By and Bz odd', () => {
    const base = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, side: 'near' as const };
    const a = solve(depthMapDefect(base, ramp()));
    const b = solve(depthMapDefect(base, mirrorDepthMap(ramp(), 'axial')));
    const n = GRID.axialCount;
    const m = GRID.circumferentialCount;
    const parity = [1, -1, -1];
    let worst = 0;
    let skew = 0;
    for (let c = 0; c < 3; c++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++) {
          const at = (k: number) => c * n * m + k * m + j;
          worst = Math.max(worst, Math.abs(a[at(i)]! - parity[c]! * b[at(n - 1 - i)]!));
          if (c === 2) skew = Math.max(skew, Math.abs(a[at(i)]! + a[at(n - 1 - i)]!));
        }
    expect(worst / maxAbs(a)).toBeLessThan(1e-5);
    // The ramp is not symmetric: its own Bz is not antisymmetric.
    expect(skew / maxAbs(a)).toBeGreaterThan(0.05);
  });

  it('scales with the metal loss: deeper leaks more, a longer map spreads the signal apart', () => {
    const base = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, side: 'near' as const };
    const shallow = solve(depthMapDefect(base, ramp()));
    const deep = solve(depthMapDefect(base, scaleDepthMap(ramp(), { length: 1, width: 1, depth: 1.5 })));
    expect(maxAbs(deep)).toBeGreaterThan(1.3 * maxAbs(shallow));
    // Bz's extremes sit near the map's ends: 1.5x the length moves them apart.
    const spread = (data: Float32Array): number => {
      const n = GRID.axialCount;
      const m = GRID.circumferentialCount;
      const row = Array.from({ length: n }, (_, i) => data[2 * n * m + i * m + m / 2]!);
      return Math.abs(row.indexOf(Math.max(...row)) - row.indexOf(Math.min(...row)));
    };
    const long = solve(depthMapDefect(base, scaleDepthMap(ramp(), { length: 1.5, width: 1, depth: 1 })));
    expect(spread(long)).toBeGreaterThan(spread(shallow) + 2);
  });
});
