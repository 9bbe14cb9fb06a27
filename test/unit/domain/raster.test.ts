// The rasteriser behind a campaign's `defects` array: mean depth per sensor cell, exact for boxes,
// semi-ellipsoids and depth maps; the same cells as the sensors; bad grids refused by field.

import type { DefectCase, DepthMapGrid, ParametricDefectCase } from '../../../services/domain/defect';
import { axialEdgesMm, depthMapDefect, mirrorDepthMap, parametricDepthMap } from '../../../services/domain/depth-map';
import { hemisphereOverRectangle, rasteriseDefect, resampleDepthMap, sensorCells, type CellGrid } from '../../../services/domain/raster';
import { gridCoordinate } from '../../../services/solver/models/dipole';

const box = (over: Partial<ParametricDefectCase> = {}): ParametricDefectCase => ({
  profile: 'rectangular',
  backgroundFieldKAPerM: 10,
  wallThicknessMm: 10,
  defectLengthMm: 12,
  defectWidthMm: 8,
  defectDepthPercent: 40,
  side: 'near',
  ...over,
});

const volume = (m: DepthMapGrid): number => {
  let sum = 0;
  for (let k = 0; k < m.depthsMm.length; k++) sum += m.depthsMm[k]!;
  return sum * m.axialPitchMm * m.circumferentialPitchMm;
};

/** A deterministic, asymmetric map: no two cells alike. */
function scan(axialCount: number, circumferentialCount: number, axialPitchMm = 0.5, circumferentialPitchMm = 0.75): DepthMapGrid {
  const depthsMm = Float64Array.from({ length: axialCount * circumferentialCount }, (_, k) => ((k * 7919) % 97) / 40 + (k % 3 === 0 ? 0 : 0.25));
  return { axialPitchMm, circumferentialPitchMm, axialCount, circumferentialCount, depthsMm };
}

const grid: CellGrid = { axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 24, circumferentialCount: 16 };

describe('sensor cells', () => {
  it('are pitch x pitch around each sensor, where the solver puts it', () => {
    const cells = sensorCells({ liftOffMm: 2, ...grid });
    const edges = axialEdgesMm(cells);
    for (let i = 0; i < grid.axialCount; i++) {
      const x = gridCoordinate(i, grid.axialCount, grid.axialPitchMm);
      expect(edges[i]).toBeCloseTo(x - 1, 12);
      expect(edges[i + 1]).toBeCloseTo(x + 1, 12);
    }
    expect(cells).toEqual(grid);
  });
});

describe('a rectangular defect', () => {
  it('keeps its volume, and cells inside it hold its depth', () => {
    const d = box({ defectLengthMm: 12, defectWidthMm: 8 });
    const m = rasteriseDefect(d, grid);
    expect(volume(m)).toBeCloseTo(12 * 8 * 4, 9);
    // 24 x 16 cells of 2 x 4 mm: the box covers axial cells 9..14 and circumferential cells 7..8 whole.
    expect(m.depthsMm[12 * 16 + 7]).toBe(4);
    expect(m.depthsMm[0]).toBe(0);
  });

  it('off the grid lines, a cell holds the covered share of the depth', () => {
    const d = box({ defectLengthMm: 5, defectWidthMm: 6 }); // x in [-2.5, 2.5], y in [-3, 3]
    const m = rasteriseDefect(d, grid);
    expect(volume(m)).toBeCloseTo(5 * 6 * 4, 9);
    // Axial cell 10 is [-4, -2]: a quarter covered; circumferential cell 7 is [-4, 0]: 3/4 covered.
    expect(m.depthsMm[10 * 16 + 7]).toBeCloseTo(4 * 0.25 * 0.75, 12);
    expect(m.depthsMm[11 * 16 + 8]).toBeCloseTo(4 * 0.75, 12);
  });

  it('larger than the grid keeps what the grid covers', () => {
    const m = rasteriseDefect(box({ defectLengthMm: 100, defectWidthMm: 100 }), grid);
    expect(Array.from(m.depthsMm).every((v) => v === 4)).toBe(true);
  });

  it('is the same as its depth map (a box on a finer, aligned grid) rasterised', () => {
    const d = box({ defectLengthMm: 12.5, defectWidthMm: 7.5 });
    const asMap = depthMapDefect(d, parametricDepthMap(d, 0.5, 0.5));
    const a = rasteriseDefect(d, grid);
    const b = rasteriseDefect(asMap, grid);
    for (let k = 0; k < a.depthsMm.length; k++) expect(b.depthsMm[k]).toBeCloseTo(a.depthsMm[k]!, 12);
  });

  it('of zero depth, length or width is zero everywhere', () => {
    for (const d of [box({ defectDepthPercent: 0 }), box({ defectLengthMm: 0 }), box({ defectWidthMm: 0 })]) {
      expect(Array.from(rasteriseDefect(d, grid).depthsMm).every((v) => v === 0)).toBe(true);
    }
  });
});

describe('a rounded defect (semi-ellipsoid)', () => {
  it('the unit hemisphere over rectangles matches its volume and a fine numeric sum', () => {
    expect(hemisphereOverRectangle(-1, 1, -1, 1)).toBeCloseTo((2 * Math.PI) / 3, 14);
    expect(hemisphereOverRectangle(-3, 3, -2, 5)).toBeCloseTo((2 * Math.PI) / 3, 14);
    expect(hemisphereOverRectangle(0.2, 0.2, -1, 1)).toBe(0);
    const n = 800;
    for (const [x0, x1, y0, y1] of [[0.2, 0.5, 0.1, 0.9], [-0.3, 0.8, 0.6, 1.2], [0.9, 1.1, 0.3, 0.4], [-1, -0.6, -0.7, 0.2]] as const) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const x = x0 + ((i + 0.5) * (x1 - x0)) / n;
          const y = y0 + ((j + 0.5) * (y1 - y0)) / n;
          sum += Math.sqrt(Math.max(0, 1 - x * x - y * y));
        }
      }
      expect(hemisphereOverRectangle(x0, x1, y0, y1)).toBeCloseTo((sum * (x1 - x0) * (y1 - y0)) / n / n, 5);
    }
  });

  it('keeps the volume 2/3 pi a b depth, is symmetric, and no cell is deeper than the defect', () => {
    const d = box({ profile: 'rounded', defectLengthMm: 30, defectWidthMm: 17, defectDepthPercent: 50 });
    const m = rasteriseDefect(d, grid);
    expect(volume(m) / ((2 / 3) * Math.PI * 15 * 8.5 * 5)).toBeCloseTo(1, 12);
    const deepest = Math.max(...Array.from(m.depthsMm));
    expect(deepest).toBeLessThan(5);
    expect(deepest).toBeGreaterThan(4.5);
    expect(Array.from(mirrorDepthMap(m, 'axial').depthsMm).map((v, k) => v - m.depthsMm[k]!).every((v) => Math.abs(v) < 1e-12)).toBe(true);
    expect(Array.from(mirrorDepthMap(m, 'circumferential').depthsMm).map((v, k) => v - m.depthsMm[k]!).every((v) => Math.abs(v) < 1e-12)).toBe(true);
  });
});

describe('a depth-map defect', () => {
  it('on its own grid comes back unchanged, to the bit', () => {
    const map = scan(9, 7);
    const m = rasteriseDefect(depthMapDefect({ backgroundFieldKAPerM: 10, wallThicknessMm: 10, side: 'far' }, map), map);
    expect(Array.from(m.depthsMm)).toEqual(Array.from(map.depthsMm));
  });

  it('on a coarser grid takes the mean of the cells each target cell covers, and keeps the volume', () => {
    const map = scan(8, 6, 1, 1);
    const coarse = resampleDepthMap(map, { axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 4, circumferentialCount: 3 });
    const d = (i: number, j: number): number => map.depthsMm[i * 6 + j]!;
    expect(coarse.depthsMm[1 * 3 + 2]).toBeCloseTo((d(2, 4) + d(2, 5) + d(3, 4) + d(3, 5)) / 4, 12);
    expect(volume(coarse)).toBeCloseTo(volume(map), 9);
  });

  it('on a finer or shifted grid keeps the volume and the depths of the cells it lies within', () => {
    const map = scan(5, 4, 1.3, 0.9);
    // Even counts against odd: target cells straddle source edges; the target covers the map whole.
    const target = { axialPitchMm: 0.4, circumferentialPitchMm: 0.35, axialCount: 20, circumferentialCount: 13 };
    const fine = resampleDepthMap(map, target);
    expect(volume(fine)).toBeCloseTo(volume(map), 9);
    // Target cell (10, 6) is x in [0, 0.4], y in [-0.175, 0.175]: inside source cell (2, 1) and (2, 2) half each.
    expect(fine.depthsMm[10 * 13 + 6]).toBeCloseTo((map.depthsMm[2 * 4 + 1]! + map.depthsMm[2 * 4 + 2]!) / 2, 12);
  });

  it('mirrored, rasterises to the mirrored raster', () => {
    const map = scan(6, 5);
    const target = { axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 6, circumferentialCount: 6 };
    const a = mirrorDepthMap(resampleDepthMap(map, target), 'axial');
    const b = resampleDepthMap(mirrorDepthMap(map, 'axial'), target);
    for (let k = 0; k < a.depthsMm.length; k++) expect(b.depthsMm[k]).toBeCloseTo(a.depthsMm[k]!, 12);
  });
});

describe('bad grids', () => {
  it('are refused naming the field and what is allowed', () => {
    expect(() => rasteriseDefect(box(), { ...grid, axialPitchMm: 0 })).toThrow('target.axialPitchMm: must be a finite number > 0, got 0');
    expect(() => rasteriseDefect(box(), { ...grid, circumferentialCount: 2.5 })).toThrow('target.circumferentialCount: must be an integer > 0, got 2.5');
    const bad: DefectCase = { ...depthMapDefect({ backgroundFieldKAPerM: 10, wallThicknessMm: 10, side: 'near' }, scan(3, 3)) };
    bad.depthMap = { ...bad.depthMap, depthsMm: [1, 2] };
    expect(() => rasteriseDefect(bad, grid)).toThrow('depthMap.depthsMm: must hold axialCount x circumferentialCount = 9 values, got 2');
    expect(() => resampleDepthMap({ ...scan(3, 3), circumferentialPitchMm: Number.NaN }, grid)).toThrow('depthMap.circumferentialPitchMm');
  });
});
