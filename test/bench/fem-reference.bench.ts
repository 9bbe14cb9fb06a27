// The fem model against the external reference (GetDP + Gmsh, services/reference-solver):
// `npx tsx test/bench/fem-reference.bench.ts [v01,v02,...] [--write]`.
//
// For every case with a reference in test/bench/reference/<id>.json (made by
// `services/reference-solver/getdp_mfl.py --study ...`), solves the case with the fem model's
// `standard` and `fine` presets and prints Bz peak-to-peak and the leakage Bx peak, their % from
// the reference's finest mesh, the Pearson correlation of the Bx and Bz maps, and the time.
// --write stores the table in test/bench/reference/comparison.json with the commit it measured.
// --fem-commit <rev> measures the fem model as committed at <rev> (e.g. main) instead of this
// checkout's: its services/solver/models is extracted with git archive into a temporary folder.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveFem as ownSolveFem } from '../../services/solver/models/fem';
import type { DefectCase, SensorGridSpec } from '../../services/solver/models/types';
import { channels, maxAbs, pearson, peakToPeak } from '../unit/fem/helpers';

const REFERENCE_DIR = join(__dirname, 'reference');
const PRESETS = ['standard', 'fine'] as const;

interface ReferenceLevel {
  meshSizeMm: number;
  dofs: number;
  solveSeconds: number;
  bzPeakToPeakMT: number;
  bxPeakMT: number;
}

/** test/bench/reference/<id>.json as getdp_mfl.py --study writes it (read by bench:solver too). */
interface Reference {
  caseId: string;
  code: string;
  case: DefectCase & SensorGridSpec & { label: string };
  levels: ReferenceLevel[];
  /** Converged peaks (mT): Richardson-extrapolated where the study allows, else the finest level. */
  bzPeakToPeakMt: number;
  bxPeakMt: number;
  convergedFrom: { bz: Basis; bx: Basis };
  /** The finest level's maps, [axial][circumferential], T. */
  mapMeshSizeMm: number;
  bx: number[][];
  bz: number[][];
}

type Basis = 'richardson' | 'finest';

interface Row {
  id: string;
  preset: (typeof PRESETS)[number];
  bzPeakToPeakMT: number;
  bxPeakMT: number;
  referenceBzPeakToPeakMT: number;
  referenceBxPeakMT: number;
  referenceMeshSizeMm: number;
  /** 'richardson' when the peaks are extrapolated from the refinement study, else 'finest'. */
  referenceBasis: { bz: Basis; bx: Basis };
  bzDiffPercent: number;
  bxDiffPercent: number;
  bzCorrelation: number;
  bxCorrelation: number;
  seconds: number;
  dofs: number;
}

function loadReferences(ids: string[] | undefined): Reference[] {
  const files = readdirSync(REFERENCE_DIR).filter((f) => /^v\d+\.json$/.test(f));
  const refs = files.map((f) => JSON.parse(readFileSync(join(REFERENCE_DIR, f), 'utf8')) as Reference);
  const chosen = ids ? refs.filter((r) => ids.includes(r.caseId)) : refs;
  if (ids) for (const id of ids) if (!refs.some((r) => r.caseId === id)) throw new Error(`case ${id}: no reference in ${REFERENCE_DIR}; made by services/reference-solver/getdp_mfl.py --study ${id}`);
  return chosen.sort((a, b) => a.caseId.localeCompare(b.caseId));
}

type SolveFem = typeof ownSolveFem;

function femAt(rev: string | undefined): SolveFem {
  if (rev === undefined) return ownSolveFem;
  const dir = mkdtempSync(join(tmpdir(), 'fem-at-'));
  const tar = execFileSync('git', ['archive', '--format=tar', rev, 'services/solver/models'], { cwd: join(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(dir, 'services/solver/models/fem')) as { solveFem: SolveFem }).solveFem;
}

function compare(solveFem: SolveFem, ref: Reference, preset: (typeof PRESETS)[number]): Row {
  const c = ref.case;
  const grid: SensorGridSpec = {
    liftOffMm: c.liftOffMm,
    axialPitchMm: c.axialPitchMm,
    circumferentialPitchMm: c.circumferentialPitchMm,
    axialCount: c.axialCount,
    circumferentialCount: c.circumferentialCount,
  };
  const t0 = performance.now();
  const result = solveFem(c, grid, { mesh: preset });
  const seconds = (performance.now() - t0) / 1000;
  const ch = channels(result.data, grid);
  const bx = ch.channel(0);
  const bz = ch.channel(2);
  const refBx = Float64Array.from(ref.bx.flat());
  const refBz = Float64Array.from(ref.bz.flat());
  const refBzPP = ref.bzPeakToPeakMt;
  const refBxPeak = ref.bxPeakMt;
  const bzPP = peakToPeak(bz) * 1e3;
  const bxPeak = maxAbs(bx) * 1e3;
  return {
    id: ref.caseId,
    preset,
    bzPeakToPeakMT: bzPP,
    bxPeakMT: bxPeak,
    referenceBzPeakToPeakMT: refBzPP,
    referenceBxPeakMT: refBxPeak,
    referenceMeshSizeMm: ref.mapMeshSizeMm,
    referenceBasis: ref.convergedFrom,
    bzDiffPercent: 100 * (bzPP / refBzPP - 1),
    bxDiffPercent: 100 * (bxPeak / refBxPeak - 1),
    bzCorrelation: pearson(bz, refBz),
    bxCorrelation: pearson(bx, refBx),
    seconds,
    dofs: result.details.dofs,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--fem-commit');
  const rev = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && rev === undefined) throw new Error('--fem-commit: needs a commit (e.g. main)');
  const ids = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1))?.split(',');
  const write = args.includes('--write');
  const refs = loadReferences(ids);
  if (refs.length === 0) throw new Error(`no references in ${REFERENCE_DIR}`);
  const solveFem = femAt(rev);
  const rows: Row[] = [];
  for (const ref of refs) for (const preset of PRESETS) rows.push(compare(solveFem, ref, preset));
  const commit = execFileSync('git', ['rev-parse', '--short', rev ?? 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).trim();
  const f = (v: number, d = 2): string => v.toFixed(d);
  const sign = (v: number): string => (v >= 0 ? '+' : '') + f(v);
  console.log(`fem model at ${commit} against GetDP (P2 tetrahedra; peaks: Richardson-extrapolated (R) where the study allows, else the finest mesh (F); maps: finest mesh)`);
  console.log('| case | preset | Bz p-p fem / ref (mT) | diff | Bx peak fem / ref (mT) | diff | corr Bz | corr Bx | fem time | fem DOFs |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const basis = (b: Basis): string => (b === 'richardson' ? 'R' : 'F');
  for (const r of rows)
    console.log(
      `| ${r.id} | ${r.preset} | ${f(r.bzPeakToPeakMT)} / ${f(r.referenceBzPeakToPeakMT)} ${basis(r.referenceBasis.bz)} | ${sign(r.bzDiffPercent)} % | ${f(r.bxPeakMT)} / ${f(r.referenceBxPeakMT)} ${basis(r.referenceBasis.bx)} | ${sign(r.bxDiffPercent)} % | ${f(r.bzCorrelation, 4)} | ${f(r.bxCorrelation, 4)} | ${f(r.seconds, 1)} s | ${r.dofs} |`,
    );
  if (write) {
    const out = { femCommit: commit, measuredAt: new Date().toISOString(), rows };
    writeFileSync(join(REFERENCE_DIR, 'comparison.json'), JSON.stringify(out, null, 1) + '\n');
  }
}

try {
  main();
} catch (err: unknown) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
