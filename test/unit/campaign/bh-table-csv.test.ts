import fs from 'node:fs';
import path from 'node:path';
import { MATERIALS_DIR, namedCurves, parseBHTableCsv } from '../../../services/campaign';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';

const HEADER = 'H [A/m],B [T]';
const ROWS = ['0,0', '100,0.5', '1000,1.4', '10000,1.8', '40000,2.1'];
const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

function issuesOf(text: string, file = 'x52.csv'): string[] {
  const r = parseBHTableCsv(text, file);
  if (r.ok) throw new Error('expected the table to be rejected');
  return r.issues;
}

describe('B-H table files', () => {
  it('reads H and B rows under a units header, skipping comments and blank lines', () => {
    const r = parseBHTableCsv(csv('# X52 from the mill certificate', '', HEADER, ...ROWS, ''), 'x52.csv');
    expect(r).toEqual({ ok: true, rows: { hAPerM: [0, 100, 1000, 10000, 40000], bT: [0, 0.5, 1.4, 1.8, 2.1] } });
  });

  it('converts kA/m and mT, keeping the digits the author wrote', () => {
    const r = parseBHTableCsv(csv('H (kA/m), B (mT)', '0.1,500', '1.1,1400', '9.9,1800', '12.3,1900', '40,2100'), 'ka.csv');
    expect(r).toEqual({ ok: true, rows: { hAPerM: [100, 1100, 9900, 12300, 40000], bT: [0.5, 1.4, 1.8, 1.9, 2.1] } });
  });

  it('requires a header that states both units', () => {
    expect(issuesOf(csv('H,B', ...ROWS))).toEqual([
      'x52.csv line 1: the header must state both columns and their units, H [A/m],B [T] (H may be in kA/m, B in mT) (got "H,B")',
    ]);
    expect(issuesOf(csv('# no header', ...ROWS))[0]).toMatch(/^x52\.csv line 2: the header must state both columns and their units/);
    expect(issuesOf(csv('B [T],H [A/m]', ...ROWS))[0]).toMatch(/^x52\.csv line 1: the header/);
    expect(issuesOf(csv('H [Oe],B [T]', ...ROWS))[0]).toMatch(/^x52\.csv line 1: the header/);
    expect(issuesOf('', 'empty.csv')).toEqual(['empty.csv: is empty; it needs a header line H [A/m],B [T] (H may be in kA/m, B in mT) and at least 5 rows']);
  });

  it('names the file, line and row of a malformed row', () => {
    expect(issuesOf(csv(HEADER, '0,0', '100;0.5', '1000,1.4,7', '10000,abc', '40000,2.1'))).toEqual([
      'x52.csv line 3 (row 2): expected two numbers, H and B (got "100;0.5")',
      'x52.csv line 4 (row 2): expected two numbers, H and B (got "1000,1.4,7")',
      'x52.csv line 5 (row 2): expected two numbers, H and B (got "10000,abc")',
    ]);
  });

  it('needs at least 5 rows', () => {
    expect(issuesOf(csv(HEADER, '0,0', '100,0.5', '1000,1.4', '10000,1.8'))).toEqual(['x52.csv: needs 5 to 1000 rows of H [A/m] and B [T] (got 4)']);
  });

  it('names the row where H or B does not increase', () => {
    expect(issuesOf(csv(HEADER, '0,0', '100,0.5', '100,1.4', '10000,1.3', '40000,2.1'))).toEqual([
      'x52.csv line 4 (row 3): H must increase from row to row (100 A/m after 100 A/m)',
      'x52.csv line 5 (row 4): B must increase from row to row (1.3 T after 1.4 T)',
    ]);
  });

  it('names the row of a negative value, of B below mu0 H, and of remanence at H = 0', () => {
    expect(issuesOf(csv(HEADER, '0,0', '-5,0.5', '1000,1.4', '10000,1.8', '40000,2.1'))).toContain('x52.csv line 3 (row 2): H must be a number from 0 to 100000000 A/m (got -5)');
    expect(issuesOf(csv(HEADER, '0,0', '100,-0.5', '1000,1.4', '10000,1.8', '40000,2.1'))).toContain('x52.csv line 3 (row 2): B must be a number from 0 to 100 T (got -0.5)');
    expect(issuesOf(csv(HEADER, '0,0', '100,0.5', '1000,1.4', '10000,1.8', '4000000,2.1'))).toEqual([
      'x52.csv line 6 (row 5): B = 2.1 T is below mu0 H = 5.027 T (relative permeability below 1)',
    ]);
    expect(issuesOf(csv(HEADER, '0,0.1', '100,0.5', '1000,1.4', '10000,1.8', '40000,2.1'))).toEqual(['x52.csv line 2 (row 1): B must be 0 at H = 0 (got 0.1 T); remanence is not modelled']);
  });
});

describe('materials/ folder', () => {
  it('ships team13 (the default), with exactly the rows the solver uses by default', () => {
    expect(namedCurves()).toContain('team13');
    const r = parseBHTableCsv(fs.readFileSync(path.join(MATERIALS_DIR, 'team13.csv'), 'utf8'), 'materials/team13.csv');
    expect(r).toEqual({ ok: true, rows: { hAPerM: [...TEAM13_H], bT: [...TEAM13_B] } });
  });

  it('holds only valid curves', () => {
    for (const name of namedCurves()) {
      const r = parseBHTableCsv(fs.readFileSync(path.join(MATERIALS_DIR, `${name}.csv`), 'utf8'), `materials/${name}.csv`);
      expect(r.ok ? [] : r.issues).toEqual([]);
    }
  });
});
