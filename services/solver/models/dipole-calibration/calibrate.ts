// Calibrates the dipole model against FEM: `npm run calibrate:dipole [-- --workers 2] [--fit-only]`.
//
// The calibration campaign: four Sobol campaigns over the seed ranges, one per lift-off (1, 2, 3,
// 4 mm; the sensor grid is fixed per campaign), 178 simulations each, solved with the `fem`
// model (TEAM 13 steel) in worker processes, at the `coarse` mesh: its Bz peak-to-peak is within a
// few per cent of the converged value (npm run bench:solver), small beside the +-25 % the
// calibration must meet, at an eighth of the cost of `standard`; bench:dipole then measures the
// calibrated model against `standard` FEM on the held-out simulations. Indices 0-127 of each (512)
// are fitted, 128-177 (200) are held out. Every simulation's FEM and uncalibrated dipole figures
// are written to samples.json, the fitted coefficients and held-out figures to calibration.json.

import { fork } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SOLVER_VERSION } from '../../version';
import { uncalibratedDipoleMap } from '../dipole';
import { solveFem } from '../fem';
import { calibrationCampaign } from '../../../campaign/dipole-calibration';
import { CALIBRATION_MESH, FIT_PER_LIFT_OFF, LIFT_OFFS_MM, TOLERANCE, gridAt, peakToPeakMt, type CalibrationSample } from './campaign';
import { calibrationFeatures, FEATURE_NAMES } from './features';
import { leastSquares } from './fit';
import { calibrationGain } from './gain';
import { quantile } from '../statistics';

const SAMPLES = path.join(__dirname, 'samples.json');
const CALIBRATION = path.join(__dirname, 'calibration.json');
const PROGRESS = path.join(__dirname, 'samples.progress.jsonl');

interface Task {
  liftOffMm: number;
  index: number;
}

function solveTask({ liftOffMm, index }: Task): CalibrationSample {
  const grid = gridAt(liftOffMm);
  const defect = calibrationCampaign(liftOffMm)[index]!;
  const fem = solveFem(defect, grid, { mesh: CALIBRATION_MESH });
  return {
    liftOffMm,
    index,
    split: index < FIT_PER_LIFT_OFF ? 'fit' : 'held-out',
    defect,
    femBzPeakToPeakMt: peakToPeakMt(fem.data, grid),
    dipoleBzPeakToPeakMt: peakToPeakMt(uncalibratedDipoleMap(defect, grid), grid),
  };
}

const keyOf = (t: Task): string => `${t.liftOffMm}/${t.index}`;

/** Samples solved so far (one JSON line each), so an interrupted run resumes where it stopped. */
function solvedSoFar(): Map<string, CalibrationSample> {
  if (!existsSync(PROGRESS)) return new Map();
  const lines = readFileSync(PROGRESS, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return new Map(lines.map((l) => JSON.parse(l) as CalibrationSample).map((s) => [keyOf(s), s]));
}

/** Solves the campaign in `workers` processes, each taking the next simulation when it is free. */
async function solveCampaign(workers: number): Promise<CalibrationSample[]> {
  const done = solvedSoFar();
  const todo: Task[] = LIFT_OFFS_MM.flatMap((liftOffMm) => calibrationCampaign(liftOffMm).map((_, index) => ({ liftOffMm, index }))).filter((t) => !done.has(keyOf(t)));
  console.error(`${done.size} simulations solved before, ${todo.length} to solve`);
  await Promise.all(
    Array.from({ length: Math.min(workers, todo.length) }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const c = fork(__filename, ['--worker']);
        const next = (): void => {
          const t = todo.shift();
          if (t) c.send(t);
          else c.disconnect();
        };
        c.on('message', (m) => {
          const sample = m as CalibrationSample;
          done.set(keyOf(sample), sample);
          appendFileSync(PROGRESS, `${JSON.stringify(sample)}\n`);
          if (done.size % 20 === 0) console.error(`${done.size} solved`);
          next();
        });
        c.on('error', reject);
        c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`calibration worker ${w} exited ${code}`))));
        next();
      }),
    ),
  );
  return [...done.values()];
}

/** Ratio calibrated dipole / FEM of each sample for coefficients beta. */
export function ratios(samples: readonly CalibrationSample[], beta: number[]): number[] {
  return samples.map((s) => (calibrationGain(s.defect, s.liftOffMm, { coefficients: beta }) * s.dipoleBzPeakToPeakMt) / s.femBzPeakToPeakMt);
}

function fit(samples: CalibrationSample[]): void {
  const fitSet = samples.filter((s) => s.split === 'fit');
  const held = samples.filter((s) => s.split === 'held-out');
  const beta = leastSquares(
    fitSet.map((s) => calibrationFeatures(s.defect, s.liftOffMm)),
    fitSet.map((s) => Math.log(s.femBzPeakToPeakMt / s.dipoleBzPeakToPeakMt)),
  );
  const r = ratios(held, beta);
  const within = r.filter((v) => Math.abs(v - 1) <= TOLERANCE).length / r.length;
  const calibration = {
    target: 'ln(Bz peak-to-peak FEM / Bz peak-to-peak uncalibrated dipole)',
    femSolver: `synthflux-solver ${SOLVER_VERSION} fem ${CALIBRATION_MESH} team13`,
    features: [...FEATURE_NAMES],
    coefficients: beta.map((b) => Number(b.toPrecision(8))),
    fitSimulations: fitSet.length,
    heldOutSimulations: held.length,
    heldOut: { withinTolerance: Number(within.toFixed(4)), tolerance: TOLERANCE, p5: Number(quantile(r, 0.05).toFixed(4)), median: Number(quantile(r, 0.5).toFixed(4)), p95: Number(quantile(r, 0.95).toFixed(4)) },
  };
  writeFileSync(CALIBRATION, `${JSON.stringify(calibration, null, 2)}\n`);
  const raw = held.map((s) => s.dipoleBzPeakToPeakMt / s.femBzPeakToPeakMt);
  console.log(`fitted on ${fitSet.length} FEM simulations; held out ${held.length}`);
  console.log(`uncalibrated dipole/FEM Bz p-p on the held-out set: p5 ${quantile(raw, 0.05).toFixed(3)}, median ${quantile(raw, 0.5).toFixed(3)}, p95 ${quantile(raw, 0.95).toFixed(3)}`);
  console.log(`calibrated: p5 ${calibration.heldOut.p5}, median ${calibration.heldOut.median}, p95 ${calibration.heldOut.p95}; within +-${TOLERANCE * 100} %: ${(within * 100).toFixed(1)} %`);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--fit-only')) {
    const i = process.argv.indexOf('--workers');
    const solved = await solveCampaign(i >= 0 ? Number(process.argv[i + 1]) : 2);
    const samples = solved.sort((a, b) => a.liftOffMm - b.liftOffMm || a.index - b.index);
    writeFileSync(SAMPLES, `${JSON.stringify({ femSolver: `synthflux-solver ${SOLVER_VERSION} fem ${CALIBRATION_MESH} team13`, samples }, null, 0)}\n`);
    rmSync(PROGRESS, { force: true });
  }
  const { samples } = JSON.parse(readFileSync(SAMPLES, 'utf8')) as { samples: CalibrationSample[] };
  fit(samples);
}

if (process.argv[2] === '--worker') {
  process.on('message', (t: Task) => process.send!(solveTask(t)));
  process.on('disconnect', () => process.exit(0));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
