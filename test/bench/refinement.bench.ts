// Refinement benchmark on a field verification set: `npm run bench:refinement -- [FV_CAMPAIGN_ID] [--seeds 3] [--methods pix2pix,autoencoder,simgan] [--parallel N]`.
//
// Runs the refinement activities exactly as the workers do (mlTrainRefiner, mlGapCheck; the
// refiner applied with onnxruntime-node), against the embedded stack's catalog and object store
// (`npm run stack:up`; scripts/field-verifications.sh makes the STAND-IN set and records its id,
// which is the default here). Per seed: the defects split by the field verification split rule,
// every method trained on the train defects, and gap checks of the held-out defects' raw and
// refined maps against their measured maps. Prints each run, then the mean over seeds with the
// range, against the targets. Jobs that do not depend on each other (each seed's raw check, each
// method's training and then its check) run `--parallel` at a time, each with ML_TORCH_THREADS
// threads; by default as many as the machine's cores allow (one thread per job on a 2-core machine,
// where two one-thread jobs side by side finish sooner than one two-thread job after another).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPrismaClient } from '../../services/catalog/client';
import { verificationPairsLoader } from '../../services/field-verification';
import { mlConfigSchema } from '../../services/ml/config';
import { gapCheck } from '../../services/ml/activities/gap-check';
import { trainRefiner } from '../../services/ml/activities/train';
import type { MlDeps } from '../../services/ml/activities';
import { defaultStackDir } from '../../services/stack/paths';
import { loadStackEnv } from '../../services/stack/credentials';
import { createS3Client, s3ConfigSchema } from '../../services/store/s3';
import { REFINEMENT_METHODS, type ClassGap, type GapSummary, type RefinementMethod, type TrainedRefiner } from '../../workflows/refinement-types';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1] : undefined;
};
const seeds = Array.from({ length: Number(flag('seeds') ?? 3) }, (_, k) => k);
const parallel = Number(flag('parallel') ?? 0);
if (!Number.isInteger(parallel) || parallel < 0) throw new Error(`--parallel: '${flag('parallel')}' is not a whole number of jobs (0 = as many as the cores allow)`);
const methods = (flag('methods') ?? REFINEMENT_METHODS.join(',')).split(',') as RefinementMethod[];
const bad = methods.filter((m) => !(REFINEMENT_METHODS as readonly string[]).includes(m));
if (bad.length) throw new Error(`--methods: ${bad.join(', ')} unknown; use ${REFINEMENT_METHODS.join(', ')}`);

// The targets, checked on the means over seeds.
const TARGETS = { rawAuc: 0.95, pairedAuc: 0.7, simganAuc: 0.8, pairedMmdP: 0.05, tstrRatio: 0.8 };

interface Run {
  seed: number;
  /** The raw gap check; set when its job has run. */
  raw?: GapSummary;
  refined: Partial<Record<RefinementMethod, { gap: GapSummary; training: TrainedRefiner; trainSeconds: number }>>;
}

type CheckedRun = Run & { raw: GapSummary };

function checked(run: Run): CheckedRun {
  if (!run.raw) throw new Error(`seed ${run.seed}: the raw gap check did not run`);
  return { ...run, raw: run.raw };
}

async function main(): Promise<void> {
  loadStackEnv(defaultStackDir());
  const latest = path.join(defaultStackDir(), 'field-verifications', 'latest-300');
  const campaignId = args.find((a, k) => !a.startsWith('--') && !args[k - 1]?.startsWith('--')) ?? (fs.existsSync(latest) ? fs.readFileSync(latest, 'utf8').trim() : undefined);
  if (!campaignId) throw new Error('give a field verification campaign id (scripts/field-verifications.sh makes the STAND-IN one)');
  const s3Config = s3ConfigSchema.parse(process.env);
  const cores = os.availableParallelism();
  // One torch thread per job unless ML_TORCH_THREADS says otherwise; jobs side by side fill the cores.
  const ml = mlConfigSchema.parse({ ML_TORCH_THREADS: '1', ...process.env, ML_WORK_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-bench-')) });
  const slots = parallel || Math.max(1, Math.floor(cores / ml.ML_TORCH_THREADS));
  const prisma = createPrismaClient(process.env.DATABASE_URL!);
  const base = { prisma, s3: createS3Client(s3Config), bucket: process.env.S3_BUCKET ?? 'synthflux', ml };
  const deps: MlDeps = { ...base, loadVerificationPairs: verificationPairsLoader(base) };
  const pairs = await deps.loadVerificationPairs!(campaignId);
  console.log(
    `field verifications ${campaignId}: ${pairs.defectIds.length} pairs (library ${pairs.library}${pairs.standIn ? ', STAND-IN' : ''}), ${seeds.length} seeds, methods ${methods.join(', ')}; ${slots} jobs at a time, ${ml.ML_TORCH_THREADS} torch thread(s) each, ${cores} cores`,
  );
  const started = performance.now();
  const runs: Run[] = seeds.map((seed) => ({ seed, refined: {} }));
  const workflowIdOf = (seed: number) => `bench-refinement-${campaignId}-s${seed}`;
  // Independent chains of jobs, longest first (SimGAN trains longest): each method's training then
  // its check, and each seed's raw check.
  const chains: (() => Promise<void>)[] = [];
  for (const method of [...methods].sort((a, b) => Number(b === 'simgan') - Number(a === 'simgan'))) {
    for (const run of runs) {
      chains.push(async () => {
        const options = { seed: run.seed };
        const t = performance.now();
        const id = `${workflowIdOf(run.seed)}-${method}`;
        const training: TrainedRefiner = await new MockActivityEnvironment().run(trainRefiner, deps, { campaignId, workflowId: id, method, fieldVerifications: campaignId, options });
        const trainSeconds = (performance.now() - t) / 1000;
        const gap: GapSummary = await new MockActivityEnvironment().run(gapCheck, deps, { campaignId, workflowId: id, stage: 'refined' as const, fieldVerifications: campaignId, method, modelKey: training.modelKey, options });
        run.refined[method] = { gap, training, trainSeconds };
        console.log(`seed ${run.seed} ${method.padEnd(12)}${line(gap)}  (train ${trainSeconds.toFixed(0)} s, ${training.steps} steps; total ${sec(t)})`);
      });
    }
  }
  for (const run of runs) {
    chains.push(async () => {
      const t = performance.now();
      const raw: GapSummary = await new MockActivityEnvironment().run(gapCheck, deps, { campaignId, workflowId: workflowIdOf(run.seed), stage: 'raw' as const, fieldVerifications: campaignId, options: { seed: run.seed } });
      run.raw = raw;
      console.log(`seed ${run.seed} ${'raw'.padEnd(12)}${line(raw)}  (${sec(t)})`);
    });
  }
  let next = 0;
  await Promise.all(Array.from({ length: slots }, async () => {
    while (next < chains.length) await chains[next++]!();
  }));
  const minutes = (performance.now() - started) / 60_000;
  const done = runs.map(checked);
  summarize(done, minutes);
  fs.writeFileSync(path.join(ml.ML_WORK_DIR, 'summary.json'), JSON.stringify({ campaignId, seeds, methods, minutes, runs: done }, null, 2));
  console.log(`\nruns in ${ml.ML_WORK_DIR}/summary.json; reports in object storage under campaigns/${campaignId}/ml/`);
  await prisma.$disconnect();
}

const sec = (t: number) => `${((performance.now() - t) / 1000).toFixed(0)} s`;
const f3 = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(3));
const f2 = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));
const ci = (c: [number, number] | undefined) => (c ? ` [${f3(c[0])}, ${f3(c[1])}]` : '');

function line(g: GapSummary): string {
  const lp = g.labelPreservation ? `  label pres. real ${f2(g.labelPreservation.realMae)} / maps ${f2(g.labelPreservation.mapsMae)}` : '';
  return `cnn AUC ${f3(g.cnnAuc)}${ci(g.cnnAucCi95)}  logistic ${f3(g.logisticAuc)}${ci(g.logisticAucCi95)}  MMD p ${f3(g.mmdPValue)}  TSTR depth MAE ${f2(g.depthMae)} %wt${lp}`;
}

/** Mean over seeds with the range and a t-interval (95 %, n-1 degrees of freedom). */
function stats(values: number[]): string {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return f3(mean);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = [12.706, 4.303, 3.182, 2.776, 2.571][n - 2] ?? 1.96;
  const half = (t * sd) / Math.sqrt(n);
  return `${f3(mean)} ±${f3(half)} (range ${f3(Math.min(...values))}-${f3(Math.max(...values))})`;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

function summarize(runs: CheckedRun[], minutes: number): void {
  console.log(`\nover ${runs.length} seeds (mean ±95 % t-interval over seeds), ${minutes.toFixed(1)} min in all:`);
  const rawAuc = runs.map((r) => r.raw.cnnAuc);
  const rawTstr = runs.map((r) => r.raw.depthMae ?? NaN);
  console.log(`${'raw'.padEnd(12)}cnn AUC ${stats(rawAuc)}  MMD p ${stats(runs.map((r) => r.raw.mmdPValue))}  TSTR ${stats(rawTstr)}`);
  const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
  const checks: string[] = [`raw cnn AUC >= ${TARGETS.rawAuc}: ${f3(mean(rawAuc))} ${verdict(mean(rawAuc) >= TARGETS.rawAuc)}`];
  for (const method of methods) {
    const got = runs.map((r) => r.refined[method]!);
    const auc = got.map((g) => g.gap.cnnAuc);
    const mmd = got.map((g) => g.gap.mmdPValue);
    const tstr = got.map((g) => g.gap.depthMae ?? NaN);
    const lp = got.map((g) => (g.gap.labelPreservation ? g.gap.labelPreservation.mapsMae / g.gap.labelPreservation.realMae : NaN));
    const ratio = tstr.map((v, k) => v / rawTstr[k]!);
    console.log(
      `${method.padEnd(12)}cnn AUC ${stats(auc)}  logistic ${stats(got.map((g) => g.gap.logisticAuc))}  MMD p ${stats(mmd)}  TSTR ${stats(tstr)} (x raw ${stats(ratio)})  label pres. maps/real ${stats(lp)}  train ${stats(got.map((g) => g.trainSeconds))} s`,
    );
    const aucTarget = method === 'simgan' ? TARGETS.simganAuc : TARGETS.pairedAuc;
    checks.push(`${method} cnn AUC <= ${aucTarget}: ${f3(mean(auc))} ${verdict(mean(auc) <= aucTarget)}`);
    if (method !== 'simgan') checks.push(`${method} MMD p >= ${TARGETS.pairedMmdP}: ${f3(mean(mmd))} ${verdict(mean(mmd) >= TARGETS.pairedMmdP)}`);
    checks.push(`${method} TSTR <= ${TARGETS.tstrRatio} x raw: ${f3(mean(ratio))} ${verdict(mean(ratio) <= TARGETS.tstrRatio)}`);
    checks.push(`${method} label preservation (refined error <= real error): ${f3(mean(lp))} x ${verdict(mean(lp) <= 1)}`);
  }
  console.log('\nby POF class (mean over seeds; n = held-out measured maps per seed):');
  const classes = [...new Set(runs.flatMap((r) => (r.raw.byClass ?? []).map((c) => c.defectClass)))].sort();
  const cell = (list: ClassGap[] | undefined, cls: string, key: 'cnnAuc' | 'depthMae') => list?.find((c) => c.defectClass === cls)?.[key] ?? null;
  const meanOf = (values: (number | null)[]) => {
    const v = values.filter((x): x is number => x !== null);
    return v.length ? mean(v) : undefined;
  };
  console.log(`  ${'class'.padEnd(26)}${'n'.padStart(4)}  AUC raw  ${methods.map((m) => m.padEnd(12)).join('')}  TSTR raw  ${methods.map((m) => m.padEnd(12)).join('')}`);
  for (const cls of classes) {
    const n = meanOf(runs.map((r) => r.raw.byClass?.find((c) => c.defectClass === cls)?.real ?? null));
    const auc = [f3(meanOf(runs.map((r) => cell(r.raw.byClass, cls, 'cnnAuc')))).padEnd(9), ...methods.map((m) => f3(meanOf(runs.map((r) => cell(r.refined[m]!.gap.byClass, cls, 'cnnAuc')))).padEnd(12))];
    const tstr = [f2(meanOf(runs.map((r) => cell(r.raw.byClass, cls, 'depthMae')))).padEnd(10), ...methods.map((m) => f2(meanOf(runs.map((r) => cell(r.refined[m]!.gap.byClass, cls, 'depthMae')))).padEnd(12))];
    console.log(`  ${cls.padEnd(26)}${(n ?? 0).toFixed(0).padStart(4)}  ${auc.join('')}  ${tstr.join('')}`);
  }
  console.log('\ntargets:');
  for (const c of checks) console.log(`  ${c}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
