// Pure geometry of depth-map defects: extents, symmetry, and the variations a scan campaign applies.

import type { DepthMapGrid, ParametricDefectCase } from '../../../services/domain/defect';
import {
  cellDepth,
  defectParams,
  depthAtMm,
  depthMapDefect,
  isMirrorSymmetric,
  lossExtent,
  mirrorDepthMap,
  parametricDepthMap,
  rotateDepthMap180,
  scaleDepthMap,
} from '../../../services/domain/depth-map';

const BOX: ParametricDefectCase = { backgroundFieldKAPerM: 20, wallThicknessMm: 10, defectLengthMm: 12, defectWidthMm: 8, defectDepthPercent: 50, side: 'near', profile: 'rectangular' };

function grid(na: number, nc: number, depth: (i: number, j: number) => number): DepthMapGrid {
  const depthsMm = new Float64Array(na * nc);
  for (let i = 0; i < na; i++) for (let j = 0; j < nc; j++) depthsMm[i * nc + j] = depth(i, j);
  return { axialPitchMm: 2, circumferentialPitchMm: 1, axialCount: na, circumferentialCount: nc, depthsMm };
}

describe('depth maps', () => {
  it('samples a box exactly: extent, depth and cell values', () => {
    const map = parametricDepthMap(BOX, 2, 1);
    expect([map.axialCount, map.circumferentialCount]).toEqual([6, 8]);
    expect(Array.from(map.depthsMm).every((v) => v === 5)).toBe(true);
    expect(lossExtent(map)).toEqual({ lengthMm: 12, widthMm: 8, maxDepthMm: 5 });
    const d = depthMapDefect(BOX, map);
    expect([d.defectLengthMm, d.defectWidthMm, d.defectDepthPercent]).toEqual([12, 8, 50]);
  });

  it('locates cells around the centre, and is 0 outside the grid', () => {
    const map = grid(4, 2, (i, j) => 1 + i + 10 * j);
    expect(depthAtMm(map, -3.9, -0.5)).toBe(1);
    expect(depthAtMm(map, 0, 0)).toBe(13);
    expect(depthAtMm(map, 3.9, 0.9)).toBe(14);
    expect(depthAtMm(map, 4.1, 0)).toBe(0);
  });

  it('trims the extent to the cells with metal loss', () => {
    const map = grid(6, 4, (i, j) => (i >= 2 && i < 5 && j === 1 ? 1 : 0));
    expect(lossExtent(map)).toEqual({ lengthMm: 6, widthMm: 1, maxDepthMm: 1 });
  });

  it('mirrors, turns and scales', () => {
    const ramp = grid(4, 3, (i, j) => i + 0.1 * j);
    expect(isMirrorSymmetric(ramp)).toBe(false);
    const m = mirrorDepthMap(ramp, 'axial');
    expect(cellDepth(m, 0, 2)).toBeCloseTo(cellDepth(ramp, 3, 2));
    const c = mirrorDepthMap(ramp, 'circumferential');
    expect(cellDepth(c, 1, 0)).toBeCloseTo(cellDepth(ramp, 1, 2));
    const r = rotateDepthMap180(ramp);
    expect(cellDepth(r, 0, 0)).toBeCloseTo(cellDepth(ramp, 3, 2));
    expect(rotateDepthMap180(r).depthsMm).toEqual(Float64Array.from(ramp.depthsMm));
    const s = scaleDepthMap(ramp, { length: 2, width: 1, depth: 0.5 });
    expect(lossExtent(s).lengthMm).toBeCloseTo(2 * lossExtent(ramp).lengthMm);
    expect(lossExtent(s).maxDepthMm).toBeCloseTo(0.5 * lossExtent(ramp).maxDepthMm);
    expect(isMirrorSymmetric(parametricDepthMap({ ...BOX, profile: 'rounded' }, 0.5, 0.5))).toBe(true);
  });

  it('summarises a depth-map defect in scalar params without the grid', () => {
    const params = defectParams(depthMapDefect(BOX, parametricDepthMap(BOX, 2, 1)));
    expect(params).toMatchObject({ profile: 'depth-map', defectLengthMm: 12, depthMapAxialCount: 6, depthMapCircumferentialPitchMm: 1 });
    expect(Object.values(params).every((v) => typeof v === 'number' || typeof v === 'string')).toBe(true);
  });
});
