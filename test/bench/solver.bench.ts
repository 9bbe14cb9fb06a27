// Solver benchmark: `npm run bench:solver [-- --cases v01,v02] [--sample 200] [--fine-sample 24]
// [--skip-verification] [--skip-speed] [--profile rounded|depth-map]`, or `npm run bench:solver -- --external [--cases ...] [--write]`.
//
// 1. Verification (fem-verification-cases.json, 12 cases over the seed ranges): each case is solved
//    on a refinement ladder of the `standard` preset's spacings scaled by 2, sqrt2, 1, 1/sqrt2, 1/2
//    (`standard` is level 1, `fine` level 1/sqrt2) in a child process of its own (timings on one
//    core; peak RSS grows with the level, so the process maximum after each level is that level's).
//    The converged value of Bz peak-to-peak and of the Bx peak is the Richardson extrapolation of
//    the three finest levels with the observed order (least squares with order 2 where the levels
//    are not monotone); standard and fine are reported against it, against the external code's
//    reference maps (test/bench/reference/, made by scripts/reference/), with the map correlation.
//    --external: only the cases with an external reference, only `standard` and `fine` (no ladder,
//    no speed), against the reference's peaks and maps; --write stores the table in
//    test/bench/reference/comparison.json with the commit measured.
// 2. Speed: `standard` over a 200-point Sobol sample of the seed ranges (one child, one core),
//    `fine` over the first points of the same sample; distribution of solve times (CPU time of
//    the single-threaded solve, which a loaded machine inflates less than wall time, and wall
//    time) and peak RSS.

import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { expandRange } from '../../services/campaign/expand';
import { parseCampaignSpecObject } from '../../services/campaign/parse';
import { solveFem } from '../../services/solver/models/fem';
import { MESH_PRESETS, scaledPreset } from '../../services/solver/models/fem/presets';
import { DEFECT_PROFILES } from '../../services/campaign/constants';
import type { DefectCase, DefectProfile, DepthMapGrid, SensorGridSpec } from '../../services/domain/defect';
import { depthMapDefect } from '../../services/domain/depth-map';
import { channel, extrapolate, mapFigures, pearson, percentFrom, quantile, type MapFigures } from './solver/convergence';

const LADDER = [2, Math.SQRT2, 1, Math.SQRT1_2, 0.5] as const;
const STANDARD_LEVEL = 2;
const FINE_LEVEL = 3;

const CaseSchema = z.object({
  id: z.string(),
  label: z.string(),
  wallThicknessMm: z.number(),
  defectLengthMm: z.number(),
  defectWidthMm: z.number(),
  defectDepthPercent: z.number(),
  side: z.enum(['near', 'far']),
  profile: z.enum(['rectangular', 'rounded']),
  backgroundFieldKAPerM: z.number(),
  liftOffMm: z.number(),
});
const CaseSetSchema = z.object({
  sensorGrid: z.object({ axialPitchMm: z.number(), circumferentialPitchMm: z.number(), axialCount: z.number().int(), circumferentialCount: z.number().int() }),
  cases: z.array(CaseSchema),
});
type VerificationCase = z.infer<typeof CaseSchema>;

/**
 * A reference study of one case by the external code, as services/reference-solver/getdp_mfl.py
 * --study writes it: the levels, the converged peaks (Richardson-extrapolated where its three finest
 * levels allow, else the finest level; `convergedFrom` says which) and the finest level's maps.
 */
const ReferenceStudySchema = z.object({
  caseId: z.string(),
  code: z.string(),
  levels: z.array(z.object({ meshSizeMm: z.number(), dofs: z.number(), bzPeakToPeakMT: z.number(), bxPeakMT: z.number() })).min(1),
  bzPeakToPeakMt: z.number(),
  bxPeakMt: z.number(),
  convergedFrom: z.object({ bz: z.enum(['richardson', 'finest']), bx: z.enum(['richardson', 'finest']) }),
  /** [axial][circumferential] in tesla, leakage only (background removed). */
  bx: z.array(z.array(z.number())),
  bz: z.array(z.array(z.number())),
});

interface Reference {
  code: string;
  bzPeakToPeakMt: number;
  bxPeakMt: number;
  basis: string;
  bx: number[];
  bz: number[];
}

function referenceOf(study: z.infer<typeof ReferenceStudySchema>): Reference {
  const finest = study.levels[study.levels.length - 1]!;
  const { bz, bx } = study.convergedFrom;
  return {
    code: study.code,
    bzPeakToPeakMt: study.bzPeakToPeakMt,
    bxPeakMt: study.bxPeakMt,
    basis: `${study.levels.length} levels to h = ${finest.meshSizeMm} mm (${finest.dofs} DOFs)${bz === 'richardson' ? ', Bz extrapolated' : ''}${bx === 'richardson' ? ', Bx extrapolated' : ''}`,
    bx: study.bx.flat(),
    bz: study.bz.flat(),
  };
}

const HERE = __dirname;
const caseSet = CaseSetSchema.parse(JSON.parse(readFileSync(path.join(HERE, 'fem-verification-cases.json'), 'utf8')));

const REFERENCE_DIR = path.join(HERE, 'reference');
/** The --external table as last written with --write (not a reference study). */
const COMPARISON_FILE = 'comparison.json';

function references(): Map<string, Reference> {
  const dir = REFERENCE_DIR;
  const out = new Map<string, Reference>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    if (f === COMPARISON_FILE) continue;
    const parsed = ReferenceStudySchema.safeParse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    if (!parsed.success) throw new Error(`${f}: not a reference study: ${parsed.error.message}`);
    out.set(parsed.data.caseId, referenceOf(parsed.data));
  }
  return out;
}

const defectOf = (c: VerificationCase): DefectCase => ({
  backgroundFieldKAPerM: c.backgroundFieldKAPerM,
  wallThicknessMm: c.wallThicknessMm,
  defectLengthMm: c.defectLengthMm,
  defectWidthMm: c.defectWidthMm,
  defectDepthPercent: c.defectDepthPercent,
  side: c.side,
  profile: c.profile,
});
const gridOf = (c: VerificationCase): SensorGridSpec => ({ ...caseSet.sensorGrid, liftOffMm: c.liftOffMm });

interface LevelRow extends MapFigures {
  scale: number;
  ms: number;
  rssMb: number;
  dofs: number;
  newton: number;
  nestedNewton: number;
  cg: number;
  nestedCg: number;
  bx: number[];
  bz: number[];
}

/** Solves case `id` at each scale of the `standard` preset's spacings (1 = standard, 1/sqrt2 = fine). */
function ladderChild(id: string, scales: readonly number[] = LADDER): LevelRow[] {
  const c = caseSet.cases.find((x) => x.id === id)!;
  const grid = gridOf(c);
  return scales.map((scale) => {
    const t0 = performance.now();
    const r = solveFem(defectOf(c), grid, { mesh: 'standard' }, { preset: scaledPreset(MESH_PRESETS.standard, scale) });
    const ms = performance.now() - t0;
    const d = r.details;
    return {
      scale,
      ms,
      rssMb: process.resourceUsage().maxRSS / 1024,
      dofs: d.dofs,
      newton: d.newtonIterations,
      nestedNewton: d.nestedNewtonIterations,
      cg: d.linearIterations,
      nestedCg: d.nestedLinearIterations,
      ...mapFigures(r.data, grid),
      bx: Array.from(channel(r.data, grid, 0)),
      bz: Array.from(channel(r.data, grid, 2)),
    };
  });
}

interface SpeedRow {
  index: number;
  /** Wall time and CPU time (user + system) of the solve. */
  ms: number;
  cpuMs: number;
  dofs: number;
}

/** The seed ranges as a Sobol campaign, expanded by the campaign's own sampler; `profile` fixes the defects' profile. */
function sobolSample(count: number, profile: DefectProfile): DefectCase[] {
  const parsed = parseCampaignSpecObject({
    name: 'solver-bench-sample',
    count,
    seed: 2026,
    sampler: 'sobol',
    // Every numeric parameter takes its seed range (NUMERIC_PARAMS defaultRange), both sides.
    parameters: { defectProfile: profile },
    solver: { model: 'fem', mesh: 'standard', sensorGrid: { liftOff: 2, axialPitch: 2, circumferentialPitch: 4, axialCount: 64, circumferentialCount: 32 } },
  });
  if (!parsed.ok) throw new Error(`bench sample spec: ${JSON.stringify(parsed.errors)}`);
  return expandRange(parsed.spec, 0, count);
}

const SPEED_GRID: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 };

function speedChild(mesh: 'standard' | 'fine', count: number, sampleSize: number, profile: DefectProfile): { rows: SpeedRow[]; rssMb: number } {
  const cases = sobolSample(sampleSize, profile).slice(0, count);
  const rows = cases.map((d, index) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = solveFem(d, SPEED_GRID, { mesh });
    const cpu = process.cpuUsage(c0);
    return { index, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, dofs: r.details.dofs };
  });
  return { rows, rssMb: process.resourceUsage().maxRSS / 1024 };
}

function inChild<T>(args: string[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const c = fork(__filename, ['--child', ...args]);
    c.on('message', (m) => resolve(m as T));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`child ${args.join(' ')} exited ${code}`))));
  });
}

const f = (v: number, d = 2): string => v.toFixed(d);
const pct = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(2)} %`;

async function verification(ids: string[]): Promise<void> {
  const refs = references();
  const summary: string[] = [];
  console.log('## Verification: refinement ladders (spacings = standard x scale)\n');
  console.log('| case | scale | DOFs | Bz p-p (mT) | Bx peak (mT) | time | peak RSS | Newton (+nested) | CG (+nested) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const id of ids) {
    const rows = await inChild<LevelRow[]>(['ladder', id]);
    for (const r of rows)
      console.log(`| ${id} | ${f(r.scale, 3)} | ${r.dofs} | ${f(r.bzPeakToPeakMt, 3)} | ${f(r.bxPeakMt, 3)} | ${f(r.ms / 1000)} s | ${f(r.rssMb, 0)} MB | ${r.newton} (+${r.nestedNewton}) | ${r.cg} (+${r.nestedCg}) |`);
    const h = rows.map((r) => r.scale);
    const bz = extrapolate(h, rows.map((r) => r.bzPeakToPeakMt));
    const bx = extrapolate(h, rows.map((r) => r.bxPeakMt));
    const finest = rows[rows.length - 1]!;
    const ref = refs.get(id);
    for (const [name, level] of [['standard', STANDARD_LEVEL], ['fine', FINE_LEVEL]] as const) {
      const r = rows[level]!;
      const ext = ref ? `${pct(percentFrom(r.bzPeakToPeakMt, ref.bzPeakToPeakMt))} / ${pct(percentFrom(r.bxPeakMt, ref.bxPeakMt))}` : 'n/a';
      const corrRef = ref ? f(pearson(r.bz, ref.bz), 4) : 'n/a';
      summary.push(
        `| ${id} | ${name} | ${f(r.bzPeakToPeakMt, 3)} | ${f(r.bxPeakMt, 3)} | ${pct(percentFrom(r.bzPeakToPeakMt, bz.converged))} | ${pct(percentFrom(r.bxPeakMt, bx.converged))} | ${ext} | ${f(pearson(r.bz, finest.bz), 4)} / ${f(pearson(r.bx, finest.bx), 4)} | ${corrRef} | ${f(r.ms / 1000)} s | ${f(r.rssMb, 0)} MB | ${r.dofs} | ${r.newton} (+${r.nestedNewton}) | ${r.cg} (+${r.nestedCg}) |`,
      );
    }
    const order = (e: typeof bz): string => (e.observedOrder === null ? 'n/a (LS, p=2)' : f(e.observedOrder));
    const refText = ref ? `${ref.code} (${ref.basis}): Bz p-p ${f(ref.bzPeakToPeakMt, 3)}, Bx peak ${f(ref.bxPeakMt, 3)} (converged vs external: ${pct(percentFrom(bz.converged, ref.bzPeakToPeakMt))} / ${pct(percentFrom(bx.converged, ref.bxPeakMt))})` : '';
    summary.push(`| ${id} | converged | ${f(bz.converged, 3)} | ${f(bx.converged, 3)} | order Bz ${order(bz)} | order Bx ${order(bx)} | ${refText || 'no external reference'} | | | | | | | |`);
    console.error(`done ${id}`);
  }
  console.log('\n## Verification summary (standard = production default)\n');
  console.log('| case | preset | Bz p-p (mT) | Bx peak (mT) | Bz vs converged | Bx vs converged | vs external (Bz / Bx) | corr vs finest (Bz / Bx) | corr Bz vs external | time | peak RSS | DOFs | Newton (+nested) | CG (+nested) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const line of summary) console.log(line);
  console.log('\nTargets: standard Bz p-p within 3 %, Bx peak within 5 %; fine within 1.5 %.');
}

/** --external: standard and fine against the external code's reference, case by case. */
async function external(ids: string[], write: boolean): Promise<void> {
  const refs = references();
  const chosen = ids.filter((id) => refs.has(id));
  if (chosen.length === 0) throw new Error(`--external: none of ${ids.join(', ')} has a reference in ${REFERENCE_DIR} (made by services/reference-solver/getdp_mfl.py --study <id>)`);
  const presets = [['standard', LADDER[STANDARD_LEVEL]], ['fine', LADDER[FINE_LEVEL]]] as const;
  const rows: Array<{ id: string; preset: string; bzPeakToPeakMT: number; bxPeakMT: number; referenceBzPeakToPeakMT: number; referenceBxPeakMT: number; bzDiffPercent: number; bxDiffPercent: number; bzCorrelation: number; bxCorrelation: number; seconds: number; dofs: number }> = [];
  for (const id of chosen) {
    const ref = refs.get(id)!;
    const levels = await inChild<LevelRow[]>(['ladder', id, presets.map(([, s]) => s).join(',')]);
    levels.forEach((r, k) =>
      rows.push({
        id,
        preset: presets[k]![0],
        bzPeakToPeakMT: r.bzPeakToPeakMt,
        bxPeakMT: r.bxPeakMt,
        referenceBzPeakToPeakMT: ref.bzPeakToPeakMt,
        referenceBxPeakMT: ref.bxPeakMt,
        bzDiffPercent: percentFrom(r.bzPeakToPeakMt, ref.bzPeakToPeakMt),
        bxDiffPercent: percentFrom(r.bxPeakMt, ref.bxPeakMt),
        bzCorrelation: pearson(r.bz, ref.bz),
        bxCorrelation: pearson(r.bx, ref.bx),
        seconds: r.ms / 1000,
        dofs: r.dofs,
      }),
    );
    console.error(`done ${id} against ${ref.code} (${ref.basis})`);
  }
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE, encoding: 'utf8' }).trim();
  console.log(`## fem at ${commit} against the external code (peaks: its converged values; maps: its finest mesh)\n`);
  console.log('| case | preset | Bz p-p fem / ref (mT) | diff | Bx peak fem / ref (mT) | diff | corr Bz | corr Bx | fem time | fem DOFs |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.id} | ${r.preset} | ${f(r.bzPeakToPeakMT)} / ${f(r.referenceBzPeakToPeakMT)} | ${pct(r.bzDiffPercent)} | ${f(r.bxPeakMT)} / ${f(r.referenceBxPeakMT)} | ${pct(r.bxDiffPercent)} | ${f(r.bzCorrelation, 4)} | ${f(r.bxCorrelation, 4)} | ${f(r.seconds, 1)} s | ${r.dofs} |`);
  if (write) writeFileSync(path.join(REFERENCE_DIR, COMPARISON_FILE), JSON.stringify({ femCommit: commit, measuredAt: new Date().toISOString(), rows }, null, 1) + '\n');
}

function distribution(label: string, ms: number[]): string {
  return `${label}: n=${ms.length}, min ${f(Math.min(...ms) / 1000)} s, median ${f(quantile(ms, 0.5) / 1000)} s, p90 ${f(quantile(ms, 0.9) / 1000)} s, p95 ${f(quantile(ms, 0.95) / 1000)} s, max ${f(Math.max(...ms) / 1000)} s`;
}

/** Metal-loss cells (mm) of the depth-map speed sample: 1 mm cells over a box's footprint. */
const MAP_PITCH_MM = 1;

/**
 * Two depth maps over a box's footprint, as deep as the box at their deepest: `symmetric`, a dish
 * (full depth at the centre, 30 % at the rim; quarter domain), and `asymmetric`, a ramp along the
 * axis from 30 % to full depth with a pit beside the centre line (full domain).
 */
function mapsOverBox(d: DefectCase): { symmetric: DefectCase; asymmetric: DefectCase } {
  const na = Math.max(1, Math.round(d.defectLengthMm / MAP_PITCH_MM));
  const nc = Math.max(1, Math.round(d.defectWidthMm / MAP_PITCH_MM));
  const depth = (d.defectDepthPercent / 100) * d.wallThicknessMm;
  const fill = (fn: (u: number, v: number) => number): DepthMapGrid => {
    const depthsMm = new Float64Array(na * nc);
    for (let i = 0; i < na; i++) for (let j = 0; j < nc; j++) depthsMm[i * nc + j] = depth * fn((i + 0.5) / na - 0.5, (j + 0.5) / nc - 0.5);
    return { axialPitchMm: MAP_PITCH_MM, circumferentialPitchMm: MAP_PITCH_MM, axialCount: na, circumferentialCount: nc, depthsMm };
  };
  const dish = (u: number, v: number): number => 0.3 + 0.7 * Math.cos(Math.PI * u) * Math.cos(Math.PI * v);
  const ramp = (u: number, v: number): number => Math.min(1, 0.3 + 0.5 * (u + 0.5) + 0.4 * Math.exp(-((u - 0.2) ** 2 + (v - 0.15) ** 2) / 0.02));
  return { symmetric: depthMapDefect(d, fill(dish)), asymmetric: depthMapDefect(d, fill(ramp)) };
}

interface MapSpeedRow {
  box: SpeedRow;
  symmetric: SpeedRow;
  asymmetric: SpeedRow;
}

/** Box, symmetric map and asymmetric map of each sample point, solved one after the other. */
function depthMapSpeedChild(count: number, sampleSize: number): { rows: MapSpeedRow[]; rssMb: number } {
  const timed = (d: DefectCase, index: number): SpeedRow => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = solveFem(d, SPEED_GRID, { mesh: 'standard' });
    const cpu = process.cpuUsage(c0);
    return { index, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, dofs: r.details.dofs };
  };
  const rows = sobolSample(sampleSize, 'rectangular')
    .slice(0, count)
    .map((d, index) => {
      const maps = mapsOverBox(d);
      return { box: timed(d, index), symmetric: timed(maps.symmetric, index), asymmetric: timed(maps.asymmetric, index) };
    });
  return { rows, rssMb: process.resourceUsage().maxRSS / 1024 };
}

async function depthMapSpeed(sampleSize: number): Promise<void> {
  console.log(`\n## Speed: depth maps (${MAP_PITCH_MM} mm cells) against a box of the same footprint and depth, standard, Sobol sample of the seed ranges, one core\n`);
  const { rows, rssMb } = await inChild<{ rows: MapSpeedRow[]; rssMb: number }>(['depth-map-speed', String(sampleSize), String(sampleSize)]);
  for (const kind of ['box', 'symmetric', 'asymmetric'] as const) {
    console.log(`${distribution(`${kind} CPU time`, rows.map((r) => r[kind].cpuMs))}; DOFs median ${quantile(rows.map((r) => r[kind].dofs), 0.5)}`);
  }
  for (const kind of ['symmetric', 'asymmetric'] as const) {
    const ratios = rows.map((r) => r[kind].cpuMs / r.box.cpuMs);
    console.log(`${kind} / box CPU time, per point: median ${f(quantile(ratios, 0.5))}x, p90 ${f(quantile(ratios, 0.9))}x, max ${f(Math.max(...ratios))}x`);
  }
  console.log(`peak RSS ${f(rssMb, 0)} MB; target: a depth map <= 2x the box`);
}

async function speed(sampleSize: number, fineCount: number, profile: DefectProfile): Promise<void> {
  console.log(`\n## Speed: Sobol sample of the seed ranges, ${profile} defects (lift-off 2 mm, 64 x 32 sensors at 2 x 4 mm), one core\n`);
  const std = await inChild<{ rows: SpeedRow[]; rssMb: number }>(['speed', 'standard', String(sampleSize), String(sampleSize), profile]);
  console.log(distribution('standard CPU time', std.rows.map((r) => r.cpuMs)));
  console.log(`${distribution('standard wall time', std.rows.map((r) => r.ms))}; DOFs median ${quantile(std.rows.map((r) => r.dofs), 0.5)}, max ${Math.max(...std.rows.map((r) => r.dofs))}; peak RSS ${f(std.rssMb, 0)} MB`);
  console.log('target: standard median <= 2 s, p95 <= 6 s, <= 1 GB');
  if (fineCount > 0) {
    const fine = await inChild<{ rows: SpeedRow[]; rssMb: number }>(['speed', 'fine', String(fineCount), String(sampleSize), profile]);
    console.log(distribution(`fine CPU time (first ${fineCount} points)`, fine.rows.map((r) => r.cpuMs)));
    console.log(`${distribution(`fine wall time (first ${fineCount} points)`, fine.rows.map((r) => r.ms))}; DOFs median ${quantile(fine.rows.map((r) => r.dofs), 0.5)}; peak RSS ${f(fine.rssMb, 0)} MB`);
    console.log('target: fine median <= 10 s');
  }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const ids = option('cases')?.split(',') ?? caseSet.cases.map((c) => c.id);
  for (const id of ids) if (!caseSet.cases.some((c) => c.id === id)) throw new Error(`--cases: unknown case "${id}"; allowed: ${caseSet.cases.map((c) => c.id).join(', ')}`);
  // Checked before any solve: a bad profile must not surface after the verification's hour.
  const profile = option('profile') ?? 'rectangular';
  const profiles = [...DEFECT_PROFILES, 'depth-map'];
  if (!profiles.includes(profile)) throw new Error(`--profile: "${profile}"; allowed: ${profiles.join(', ')}`);
  if (process.argv.includes('--external')) return external(ids, process.argv.includes('--write'));
  if (!process.argv.includes('--skip-verification')) await verification(ids);
  if (profile === 'depth-map') {
    if (!process.argv.includes('--skip-speed')) await depthMapSpeed(Number(option('sample') ?? 40));
    return;
  }
  if (!process.argv.includes('--skip-speed')) await speed(Number(option('sample') ?? 200), Number(option('fine-sample') ?? 24), profile as DefectProfile);
}

if (process.argv[2] === '--child') {
  const [kind, a, b, c, d] = process.argv.slice(3);
  const result =
    kind === 'ladder'
      ? ladderChild(a!, b === undefined ? LADDER : b.split(',').map(Number))
      : kind === 'depth-map-speed'
        ? depthMapSpeedChild(Number(a), Number(b))
        : speedChild(a as 'standard' | 'fine', Number(b), Number(c), d as DefectProfile);
  process.send!(result, () => process.exit(0));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
