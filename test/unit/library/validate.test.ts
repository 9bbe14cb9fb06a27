import { formatLibraryIssues } from '../../../services/library/errors';
import { validateLibrary } from '../../../services/library/validate';
import type { SourceDefect } from '../../../services/library/source';
import { PIT, meta, sourceOf } from './fixtures';

const issuesOf = (defects: Parameters<typeof sourceOf>[0]) => formatLibraryIssues(validateLibrary(sourceOf(defects)).issues);
const grid = { a: 4, c: 3, values: PIT };
const measuredGrid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 2, circumferentialCount: 2 };

describe('validating a library: every problem names the defect and the field', () => {
  it('accepts a valid defect and stores its depths as float32', () => {
    const { content, issues } = validateLibrary(sourceOf([{ meta: meta('D-1'), ...grid }]));
    expect(issues).toEqual([]);
    expect(content.defects).toHaveLength(1);
    const d = content.defects[0]!;
    expect(d).toMatchObject({ id: 'D-1', wallThicknessMm: 10, side: 'far', grid: { axialPitchMm: 1, circumferentialPitchMm: 2, axialCount: 4, circumferentialCount: 3 } });
    expect(d.grid.depthsMm).toBeInstanceOf(Float32Array);
    expect(Array.from(d.grid.depthsMm)).toEqual(PIT);
  });

  it('NaN or infinite depths', () => {
    expect(issuesOf([{ meta: meta('N-1'), a: 2, c: 2, values: [0, NaN, 1, Infinity] }])).toBe(
      'defect N-1: depths: 2 cells are NaN or infinite ([0,1] = NaN mm, [1,1] = Infinity mm); every cell needs a depth in mm, 0 where there is no metal loss',
    );
  });

  it('negative depths', () => {
    expect(issuesOf([{ meta: meta('N-2'), a: 1, c: 3, values: [-0.25, 1, 0] }])).toBe(
      'defect N-2: depths: 1 cell is negative ([0,0] = -0.25 mm); depth is metal loss in mm, >= 0 (negate a scan that records loss as negative heights)',
    );
  });

  it('depths at or beyond the wall, showing the deepest', () => {
    expect(issuesOf([{ meta: meta('W-1', { wallThicknessMm: 6 }), a: 1, c: 4, values: [6, 7.5, 1, 5.99] }])).toBe(
      "defect W-1: depths: 2 cells are at or beyond the wall thickness 6 mm (deepest [0,1] = 7.5 mm); a depth map's loss must stay inside the wall",
    );
  });

  it('a value that reaches the wall only as float32 (what is stored) is beyond it too', () => {
    expect(issuesOf([{ meta: meta('W-2', { wallThicknessMm: 6 }), a: 1, c: 1, values: [5.9999999999] }])).toContain('defect W-2: depths: 1 cell is at or beyond the wall thickness 6 mm');
  });

  it('empty grids: no metal loss, or no cells', () => {
    expect(issuesOf([{ meta: meta('E-1'), a: 2, c: 2, values: [0, 0, 0, 0] }])).toBe('defect E-1: depths: no cell has metal loss (all 4 depths are 0): an empty grid');
    expect(issuesOf([{ meta: meta('E-2'), a: 0, c: 3, values: [] }])).toBe('defect E-2: depths: the grid is empty: 0 x 3 cells (axial x circumferential)');
  });

  it('oversized grids', () => {
    expect(issuesOf([{ meta: meta('O-1'), a: 513, c: 2, values: new Float64Array(1026).fill(1) }])).toBe(
      'defect O-1: depths: the grid is too large: 513 x 2 cells (axial x circumferential); at most 512 x 512 cells per defect',
    );
  });

  it('too many defects, or none', () => {
    const many = Array.from({ length: 2001 }, (_, k) => ({ meta: meta(`M-${k}`), a: 1, c: 1, values: [1] }));
    expect(issuesOf(many)).toBe('defects: the library has 2001 defects; at most 2000 per library');
    expect(issuesOf([])).toBe('defects: the library has no defects');
  });

  it('duplicate ids', () => {
    expect(issuesOf([{ meta: meta('D-1'), ...grid }, { meta: meta('D-2'), ...grid }, { meta: meta('D-1'), ...grid }])).toBe('defect D-1 (#2): id: duplicate id: defects #0 and #2 are both D-1');
  });

  it('missing or invalid metadata is reported with the grid problems of the other defects', () => {
    const text = issuesOf([{ meta: { id: 'X-1', side: 'far' }, ...grid }, { meta: meta('X-2'), a: 1, c: 1, values: [-1] }]);
    expect(text).toContain('defect X-1: wallThicknessMm: is required');
    expect(text).toContain('defect X-2: depths: 1 cell is negative');
  });

  it('a .npy or Zarr grid needs its pitches; a CSV pitch that disagrees with the metadata is refused', () => {
    expect(issuesOf([{ meta: meta('P-1', { axialPitchMm: undefined }), ...grid }])).toBe(
      'defect P-1: axialPitchMm: is required: the cell size in mm (a .npy or Zarr grid has no coordinates)',
    );
    const csv = sourceOf([{ meta: meta('P-2', { circumferentialPitchMm: 3 }), ...grid }]);
    csv.defects[0]!.inferredPitch = { axialPitchMm: 1, circumferentialPitchMm: 2 };
    expect(formatLibraryIssues(validateLibrary(csv).issues)).toBe("defect P-2: circumferentialPitchMm: is 3 mm but the file's coordinates are 2 mm apart");
    const line = sourceOf([{ meta: meta('P-3', { axialPitchMm: undefined }), ...grid }]);
    line.defects[0]!.inferredPitch = { circumferentialPitchMm: 2 };
    expect(formatLibraryIssues(validateLibrary(line).issues)).toContain('the file has a single coordinate along that axis, so the pitch cannot be inferred');
  });

  describe('measured maps', () => {
    const withMeasured = (measured: SourceDefect['measured'], units = 'T') => [{ meta: meta('M-1', { measured: { file: 'm.npy', units, sensorGrid: measuredGrid } }), ...grid, measured }];

    it('are converted to tesla float32', () => {
      const { content, issues } = validateLibrary(sourceOf(withMeasured({ where: 'm.npy', shape: [3, 2, 2], values: new Array<number>(12).fill(5) }, 'mT')));
      expect(issues).toEqual([]);
      expect(content.defects[0]!.measured!.sensorGrid).toEqual(measuredGrid);
      expect(Array.from(content.defects[0]!.measured!.tesla)).toEqual(new Array<number>(12).fill(Math.fround(5e-3)));
    });

    it('must match their sensor grid', () => {
      expect(issuesOf(withMeasured({ where: 'm.npy', shape: [3, 2, 3], values: new Array<number>(18).fill(0) }))).toBe(
        'defect M-1: measured: m.npy has shape [3, 2, 3] but its sensor grid is [3, 2, 2] (Bx, By, Bz x 2 axial x 2 circumferential sensors)',
      );
    });

    it('must be finite and plausible in the given units', () => {
      expect(issuesOf(withMeasured({ where: 'm.npy', shape: [3, 2, 2], values: [NaN, ...new Array<number>(11).fill(0)] }))).toBe('defect M-1: measured: 1 of 12 values of m.npy is NaN or infinite');
      expect(issuesOf(withMeasured({ where: 'm.npy', shape: [3, 2, 2], values: new Array<number>(12).fill(20) }))).toBe(
        'defect M-1: measured.units: peak |B| of m.npy is 20.0 T, far above leakage fields; are the units really T?',
      );
    });
  });
});
