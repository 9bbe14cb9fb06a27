// Reads a B-H table file: CSV rows of H and B under a header that states their units. Every issue
// names the file and the line (and the data row), because the author fixes it in that file.
import { checkBHTable } from '../solver/models/fem/validate';

export interface BHRows {
  hAPerM: number[];
  bT: number[];
}

export type BHRowsResult = { ok: true; rows: BHRows } | { ok: false; issues: string[] };

/** Unit -> factor to A/m (H) or T (B). */
const H_UNITS: Record<string, number> = { 'a/m': 1, 'ka/m': 1000 };
const B_UNITS: Record<string, number> = { t: 1, mt: 0.001 };
const HEADER_HELP = 'H [A/m],B [T] (H may be in kA/m, B in mT)';
const MAX_ISSUES = 20;

/** "H [A/m]" / "H (kA/m)" -> the unit's factor for that quantity, or undefined. */
function unitOf(cell: string, quantity: 'H' | 'B'): number | undefined {
  const match = /^([HB])\s*[[(]\s*([^\])]+?)\s*[\])]$/i.exec(cell.trim());
  if (!match || match[1]!.toUpperCase() !== quantity) return undefined;
  return (quantity === 'H' ? H_UNITS : B_UNITS)[match[2]!.toLowerCase()];
}

// Unit conversion multiplies in binary floating point (1.1 kA/m -> 1100.0000000000002 A/m); 12
// significant digits keep the value the author wrote, so the same curve hashes the same in any unit.
const scaled = (v: number, factor: number): number => (factor === 1 ? v : Number((v * factor).toPrecision(12)));

function parseNumber(cell: string): number {
  const text = cell.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

/**
 * Parses `text` (the content of `file`): '#' lines and blank lines are comments; the first other
 * line is the header `H [A/m],B [T]`; every following line is one row `H,B`. The rows must pass
 * checkBHTable (at least 5, positive, strictly increasing).
 */
export function parseBHTableCsv(text: string, file: string): BHRowsResult {
  const lines = text.split(/\r?\n/);
  const issues: string[] = [];
  let factors: [number, number] | undefined;
  let headerSeen = false;
  const hAPerM: number[] = [];
  const bT: number[] = [];
  const lineOfRow: number[] = [];
  lines.forEach((raw, at) => {
    const line = raw.trim();
    const where = `${file} line ${at + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',');
    if (!headerSeen) {
      headerSeen = true;
      const h = cells.length === 2 ? unitOf(cells[0]!, 'H') : undefined;
      const b = cells.length === 2 ? unitOf(cells[1]!, 'B') : undefined;
      if (h === undefined || b === undefined) issues.push(`${where}: the header must state both columns and their units, ${HEADER_HELP} (got "${line}")`);
      else factors = [h, b];
      return;
    }
    const row = hAPerM.length + 1;
    const [h, b] = cells.map(parseNumber);
    if (cells.length !== 2 || !Number.isFinite(h) || !Number.isFinite(b)) {
      issues.push(`${where} (row ${row}): expected two numbers, H and B (got "${line}")`);
      return;
    }
    hAPerM.push(scaled(h!, factors?.[0] ?? 1));
    bT.push(scaled(b!, factors?.[1] ?? 1));
    lineOfRow.push(at + 1);
  });
  if (!headerSeen) issues.push(`${file}: is empty; it needs a header line ${HEADER_HELP} and at least 5 rows`);
  if (issues.length === 0) {
    issues.push(...checkBHTable(hAPerM, bT, (i) => `${file} line ${lineOfRow[i]} (row ${i + 1})`, file));
  }
  if (issues.length > 0) {
    const more = issues.length - MAX_ISSUES;
    return { ok: false, issues: more > 0 ? [...issues.slice(0, MAX_ISSUES), `${file}: and ${more} more issues`] : issues };
  }
  return { ok: true, rows: { hAPerM, bT } };
}
