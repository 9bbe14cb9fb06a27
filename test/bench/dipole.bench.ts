// Dipole calibration bench: `npm run bench:dipole [-- --limit 200] [--stored]`.
//
// Solves the held-out simulations of the calibration campaign (services/solver/models/
// dipole-calibration: indices 128-177 at each lift-off 1-4 mm, never used by the fit) with the
// `fem` model (standard mesh) and the calibrated `dipole` model side by side, and prints the
// distribution of the ratio dipole / FEM of the Bz peak-to-peak, overall and per lift-off and side.
// --stored compares with the FEM figures of samples.json instead (the calibration's own mesh,
// no FEM solves: seconds instead of about 10 minutes).

import { dipoleModel, uncalibratedDipoleMap } from '../../services/solver/models/dipole';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calibrationCampaign } from '../../services/campaign/dipole-calibration';
import {
  CALIBRATION_MESH,
  FIT_PER_LIFT_OFF,
  LIFT_OFFS_MM,
  gridAt,
  peakToPeakMt,
  type CalibrationSample,
} from '../../services/solver/models/dipole-calibration/campaign';
import { solveFem } from '../../services/solver/models/fem';
import { quantile } from './solver/convergence';

const CALIBRATION_DIR = path.join(__dirname, '../../services/solver/models/dipole-calibration');

interface Row {
  liftOffMm: number;
  side: string;
  ratio: number;
  uncalibrated: number;
}

/** Held-out FEM Bz peak-to-peak of samples.json by lift-off/index. */
function storedFem(): Map<string, number> {
  const { samples } = JSON.parse(readFileSync(path.join(CALIBRATION_DIR, 'samples.json'), 'utf8')) as { samples: CalibrationSample[] };
  return new Map(samples.filter((s) => s.split === 'held-out').map((s) => [`${s.liftOffMm}/${s.index}`, s.femBzPeakToPeakMt]));
}

function summary(label: string, rows: Row[]): string {
  const r = rows.map((x) => x.ratio);
  const within = r.filter((v) => Math.abs(v - 1) <= 0.25).length;
  return `| ${label} | ${rows.length} | ${quantile(r, 0.05).toFixed(3)} | ${quantile(r, 0.25).toFixed(3)} | ${quantile(r, 0.5).toFixed(3)} | ${quantile(r, 0.75).toFixed(3)} | ${quantile(r, 0.95).toFixed(3)} | ${((100 * within) / rows.length).toFixed(1)} % | ${quantile(rows.map((x) => x.uncalibrated), 0.5).toFixed(3)} |`;
}

function main(): void {
  const i = process.argv.indexOf('--limit');
  const limit = i >= 0 ? Number(process.argv[i + 1]) : Infinity;
  const stored = process.argv.includes('--stored') ? storedFem() : null;
  const rows: Row[] = [];
  const t0 = performance.now();
  for (const liftOffMm of LIFT_OFFS_MM) {
    const grid = gridAt(liftOffMm);
    const perLift = Math.ceil(limit / LIFT_OFFS_MM.length);
    const cases = calibrationCampaign(liftOffMm).slice(FIT_PER_LIFT_OFF, FIT_PER_LIFT_OFF + perLift);
    for (const [k, defect] of cases.entries()) {
      const fem = stored ? stored.get(`${liftOffMm}/${FIT_PER_LIFT_OFF + k}`)! : peakToPeakMt(solveFem(defect, grid, { mesh: 'standard' }).data, grid);
      const dip = dipoleModel.solve(defect, grid, { mesh: 'standard' });
      const calibrated = peakToPeakMt(dip.data, grid);
      const uncalibrated = peakToPeakMt(uncalibratedDipoleMap(defect, grid), grid);
      rows.push({ liftOffMm, side: defect.side, ratio: calibrated / fem, uncalibrated: uncalibrated / fem });
    }
  }
  const femText = stored ? `FEM figures from samples.json (${CALIBRATION_MESH} mesh)` : 'FEM solved now at the standard mesh';
  console.log(`held-out simulations: ${rows.length} (${femText}; ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  console.log('| sample | n | p5 | p25 | median | p75 | p95 | within +-25 % | median before calibration |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(summary('all', rows));
  for (const l of LIFT_OFFS_MM) console.log(summary(`lift-off ${l} mm`, rows.filter((r) => r.liftOffMm === l)));
  for (const s of ['near', 'far']) console.log(summary(`${s} side`, rows.filter((r) => r.side === s)));
  console.log('\ntarget: ratio dipole/FEM of Bz peak-to-peak within +-25 % for at least 90 % of the held-out simulations');
}

main();
