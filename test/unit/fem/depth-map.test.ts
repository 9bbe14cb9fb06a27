// Depth-map defects in the FEM model: special cases that must agree with the parametric profiles,
// the symmetry the full domain must respect, and the input checks.

import type { DepthMapGrid, SensorGridSpec } from '../../../services/domain/defect';
import { depthMapDefect, mirrorDepthMap, parametricDepthMap, scaleDepthMap } from '../../../services/domain/depth-map';
import { solveFem } from '../../../services/solver/models/fem';
import { buildMesh } from '../../../services/solver/models/fem/mesh';
import { MESH_PRESETS } from '../../../services/solver/models/fem/presets';
import { SolveError } from '../../../services/solver/models/types';
import { channels, maxAbs, pearson, peakToPeak, PLATE } from './helpers';

const coarse = { mesh: 'coarse' as const };
const GRID: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 24, circumferentialCount: 16 };
const BOX = { ...PLATE, defectLengthMm: 24, defectWidthMm: 16, defectDepthPercent: 40 };
const base = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, side: 'near' as const };

function grid(na: number, nc: number, pitch: number, depth: (i: number, j: number) => number): DepthMapGrid {
  const depthsMm = new Float64Array(na * nc);
  for (let i = 0; i < na; i++) for (let j = 0; j < nc; j++) depthsMm[i * nc + j] = depth(i, j);
  return { axialPitchMm: pitch, circumferentialPitchMm: pitch, axialCount: na, circumferentialCount: nc, depthsMm };
}

/** A ramp along the axis: 1 mm deep at one end, 4 mm at the other; not mirror-symmetric. */
const RAMP = grid(12, 8, 2, (i) => 1 + (3 * i) / 11);

describe('fem depth maps', () => {
  it('a depth map of a box gives the box map (same mesh, so to rounding)', () => {
    const box = solveFem(BOX, GRID, coarse);
    const map = solveFem(depthMapDefect(BOX, parametricDepthMap(BOX, 2, 2)), GRID, coarse);
    let worst = 0;
    for (let k = 0; k < box.data.length; k++) worst = Math.max(worst, Math.abs(box.data[k]! - map.data[k]!));
    expect(worst / maxAbs(box.data)).toBeLessThan(0.005);
    expect(map.details.dofs).toBe(box.details.dofs);
  });

  it('a far-side box as a depth map gives the far-side box map', () => {
    const far = { ...BOX, side: 'far' as const };
    const box = solveFem(far, GRID, coarse);
    const map = solveFem(depthMapDefect(far, parametricDepthMap(far, 4, 4)), GRID, coarse);
    expect(Math.abs(peakToPeak(map.data) - peakToPeak(box.data)) / peakToPeak(box.data)).toBeLessThan(0.005);
  });

  it('a fine depth map (0.25 mm cells) of a rounded pit reads the rounded map\'s shape', () => {
    const pit = { ...BOX, profile: 'rounded' as const };
    const rounded = channels(solveFem(pit, GRID, coarse).data, GRID);
    const map = channels(solveFem(depthMapDefect(pit, parametricDepthMap(pit, 0.25, 0.25)), GRID, coarse).data, GRID);
    expect(pearson(rounded.channel(2), map.channel(2))).toBeGreaterThan(0.95);
    // Amplitudes differ on coarse meshes: the rounded pit's cut elements converge from below
    // (Bz p-p 20.3 mT coarse, 24.2 at half the standard spacing), the map's columns within 2 % of
    // 25.1 mT at every level (fem README).
    const bz = peakToPeak(map.channel(2));
    expect(bz).toBeGreaterThan(peakToPeak(rounded.channel(2)));
    expect(bz).toBeLessThan(1.4 * peakToPeak(rounded.channel(2)));
  });

  it('solves an asymmetric map on the full domain, and its mirror image gives the mirrored map', () => {
    const ramp = solveFem(depthMapDefect(base, RAMP), GRID, coarse);
    const mirrored = solveFem(depthMapDefect(base, mirrorDepthMap(RAMP, 'axial')), GRID, coarse);
    const a = channels(ramp.data, GRID);
    const b = channels(mirrored.data, GRID);
    // x -> -x with the applied field reversed back: Bx is even, By and Bz odd.
    const parity = [1, -1, -1];
    let worst = 0;
    for (let c = 0; c < 3; c++)
      for (let i = 0; i < a.na; i++) for (let j = 0; j < a.nc; j++) worst = Math.max(worst, Math.abs(a.at(c, i, j) - parity[c]! * b.at(c, a.na - 1 - i, j)));
    // Cut elements sample the cells at points of each element: mirrored to about 1e-3 of the peak.
    expect(worst / maxAbs(ramp.data)).toBeLessThan(2e-3);
    // The map itself is not antisymmetric (as a symmetric defect's Bz would be): the ends differ.
    let skew = 0;
    for (let i = 0; i < a.na; i++) for (let j = 0; j < a.nc; j++) skew = Math.max(skew, Math.abs(a.at(2, i, j) + a.at(2, a.na - 1 - i, j)));
    expect(skew).toBeGreaterThan(0.05 * peakToPeak(a.channel(2)));
  });

  it('meshes a mirror-symmetric map as a quarter and refuses the quarter for an asymmetric one', () => {
    const box = depthMapDefect(BOX, parametricDepthMap(BOX, 2, 2));
    expect(() => solveFem(depthMapDefect(base, RAMP), GRID, coarse, { symmetry: 'quarter' })).toThrow(/symmetry: quarter needs a mirror-symmetric defect/);
    const quarter = buildMesh(box, GRID, MESH_PRESETS.coarse, 'quarter');
    expect(quarter.x[0]).toBe(0);
    expect(quarter.y[0]).toBe(0);
  });

  it('deeper metal loss leaks more', () => {
    const shallow = solveFem(depthMapDefect(base, RAMP), GRID, coarse);
    const deep = solveFem(depthMapDefect(base, scaleDepthMap(RAMP, { length: 1, width: 1, depth: 1.5 })), GRID, coarse);
    expect(peakToPeak(deep.data)).toBeGreaterThan(1.2 * peakToPeak(shallow.data));
  });

  it('refuses a bad map naming the field', () => {
    const bad = (m: Partial<DepthMapGrid>, wall = 10) => () => solveFem({ ...depthMapDefect(base, RAMP), wallThicknessMm: wall, depthMap: { ...RAMP, ...m } }, GRID, coarse);
    const nan = Float64Array.from(RAMP.depthsMm as Float64Array);
    nan[5] = Number.NaN;
    expect(bad({ depthsMm: nan })).toThrow(SolveError);
    expect(bad({ depthsMm: nan })).toThrow(/depthMap\.depthsMm\[5\]/);
    expect(bad({ depthsMm: new Float64Array(3) })).toThrow(/depthMap\.depthsMm length/);
    expect(bad({ depthsMm: new Float64Array(96) })).toThrow(/at least one cell with depth > 0/);
    expect(bad({ axialPitchMm: 0 })).toThrow(/depthMap\.axialPitchMm/);
    expect(bad({}, 3)).toThrow(/wall thickness 3/);
  });
});
