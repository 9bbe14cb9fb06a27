import { parseDepthCsv } from '../../../services/library/sources/csv';
import { formatLibraryIssues } from '../../../services/library/errors';

/** Rows of a grid: x from x0 by px (axial), y from y0 by py (circumferential). */
function rows(a: number, c: number, depth: (i: number, j: number) => number, opts: { x0?: number; y0?: number; px?: number; py?: number; id?: string } = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < c; j++) {
      const x = +((opts.x0 ?? 0) + i * (opts.px ?? 1)).toFixed(3);
      const y = +((opts.y0 ?? 0) + j * (opts.py ?? 1)).toFixed(3);
      out.push([...(opts.id ? [opts.id] : []), x, y, depth(i, j)].join(','));
    }
  }
  return out;
}

describe('laser-scan CSV (x, y, depth rows)', () => {
  it('infers the grid and pitch from the coordinates, rows in any order, header optional', () => {
    const body = rows(4, 3, (i, j) => i * 10 + j, { x0: 100, y0: -3, px: 0.5, py: 1.5 }).reverse();
    for (const text of [['x,y,depth', ...body].join('\n'), body.join('\n'), ['X (mm); Y (mm); Depth (mm)', ...body.map((r) => r.replaceAll(',', ';'))].join('\r\n')]) {
      const csv = parseDepthCsv(text, 'scan.csv');
      expect(csv.issues).toEqual([]);
      expect(csv.hasIds).toBe(false);
      expect(csv.grids).toHaveLength(1);
      const g = csv.grids[0]!;
      expect([g.axialCount, g.circumferentialCount, g.axialPitchMm, g.circumferentialPitchMm]).toEqual([4, 3, 0.5, 1.5]);
      expect(Array.from(g.values)).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]);
    }
  });

  it('splits a file with a defect_id column into one grid per defect, and accepts print-rounded pitches', () => {
    const text = ['defect_id,x,y,depth', ...rows(3, 3, () => 1, { id: 'P-1', px: 1 / 3, py: 0.25 }), ...rows(2, 5, (i, j) => i + j, { id: 'P-2' })].join('\n');
    const csv = parseDepthCsv(text, 'scans.csv');
    expect(csv.issues).toEqual([]);
    expect(csv.hasIds).toBe(true);
    expect(csv.grids.map((g) => [g.id, g.axialCount, g.circumferentialCount, g.axialPitchMm, g.circumferentialPitchMm])).toEqual([
      ['P-1', 3, 3, 0.3335, 0.25],
      ['P-2', 2, 5, 1, 1],
    ]);
  });

  it('an axis with one coordinate has no inferred pitch; extra columns are ignored', () => {
    const csv = parseDepthCsv(['x,y,depth,intensity', '5,0,1,99', '5,2,0,98'].join('\n'), 'line.csv');
    expect(csv.issues).toEqual([]);
    expect(csv.grids[0]).toMatchObject({ axialCount: 1, circumferentialCount: 2, axialPitchMm: undefined, circumferentialPitchMm: 2 });
  });

  it('passes NaN and infinite depths on to validation (which names the cells) instead of failing the row', () => {
    const csv = parseDepthCsv(['x,y,depth', '0,0,NaN', '0,1,inf', '1,0,1', '1,1,2'].join('\n'), 'nan.csv');
    expect(csv.issues).toEqual([]);
    expect(Array.from(csv.grids[0]!.values)).toEqual([NaN, Infinity, 1, 2]);
  });

  it('refuses an uneven pitch, naming the defect, the column and the coordinate', () => {
    const text = ['defect_id,x,y,depth', ...rows(2, 2, () => 1, { id: 'U-1' }), 'U-1,2.5,0,1', 'U-1,2.5,1,1'].join('\n');
    const issues = formatLibraryIssues(parseDepthCsv(text, 'uneven.csv').issues);
    expect(issues).toMatch(/^defect U-1: x: uneven axial pitch: x steps from 1 to 2.5 mm \(1.5 mm\), not a whole number of the smallest step 1 mm; rows must lie on a regular grid/);
  });

  it('refuses missing and duplicate grid points', () => {
    const full = rows(3, 3, () => 1);
    const missing = formatLibraryIssues(parseDepthCsv(['x,y,depth', ...full.filter((r) => r !== '1,1,1')].join('\n'), 'm.csv', 'S-1').issues);
    expect(missing).toBe('defect S-1: x, y: 1 of 9 grid points has no row (x = 1, y = 1); a scan must cover its whole 3 x 3 grid (0 where there is no metal loss)');
    const dup = formatLibraryIssues(parseDepthCsv(['x,y,depth', ...full, '2,2,0.5'].join('\n'), 'd.csv', 'S-1').issues);
    expect(dup).toContain('defect S-1: x, y: 1 grid point appears more than once: x = 2, y = 2 (lines 10 and 11)');
  });

  it('refuses a grid larger than 512 cells along an axis', () => {
    const text = ['x,y,depth', ...Array.from({ length: 600 }, (_, i) => `${i},0,1`)].join('\n');
    expect(formatLibraryIssues(parseDepthCsv(text, 'long.csv', 'L-1').issues)).toBe('defect L-1: x: the grid is too large: 600 distinct x values; at most 512 axial cells per defect');
  });

  it('reports unreadable rows with their line numbers, a missing column and an empty file', () => {
    const bad = parseDepthCsv(['x,y,depth', '0,0,1', '0,a,1', '1,0', '1,1,deep'].join('\n'), 'bad.csv');
    expect(formatLibraryIssues(bad.issues)).toBe("rows: 3 unreadable rows in bad.csv: line 3: y 'a' is not a number; line 4 has 2 columns, expected 3; line 5: depth 'deep' is not a number");
    expect(formatLibraryIssues(parseDepthCsv('x,z,depth\n0,0,1', 'c.csv').issues)).toContain('header: line 1 has no y column (found x, z, depth)');
    expect(formatLibraryIssues(parseDepthCsv('1,2,3,4\n', 'c.csv').issues)).toContain('header: without a header line the rows must be x, y, depth (3 columns); line 1 has 4');
    expect(formatLibraryIssues(parseDepthCsv('\n# comment\n', 'e.csv').issues)).toBe('file: e.csv has no rows (expected x, y, depth rows in mm)');
  });
});
