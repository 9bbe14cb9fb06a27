// Solver benchmark: `npx tsx test/bench/solver.bench.ts [runs]`.
//
// For each FEM mesh preset, a child process (so peak RSS is per preset) solves the representative
// case (H0 20 kA/m, t 10 mm, 40 x 40 mm, 50 % deep, near side, TEAM 13 steel; 64 x 32 sensors at
// 2 mm x 4 mm pitch, 2 mm lift-off) a few times and reports the median time, peak RSS, DOFs,
// Newton and PCG iterations, and the time relative to the analytic dipole model measured in the
// same process. The parent prints the table and the change of peak |Bx| between standard and fine.

import { fork } from 'node:child_process';
import { dipoleModel } from '../../services/solver/models/dipole';
import { solveFem } from '../../services/solver/models/fem';
import type { DefectCase, SensorGridSpec } from '../../services/solver/models/types';

const CASE: DefectCase = {
  backgroundFieldKAPerM: 20,
  wallThicknessMm: 10,
  defectLengthMm: 40,
  defectWidthMm: 40,
  defectDepthPercent: 50,
  side: 'near',
  profile: 'rectangular',
};
const GRID: SensorGridSpec = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 };
const PRESETS = ['coarse', 'standard', 'fine'] as const;

interface Row {
  preset: string;
  medianMs: number;
  peakRssMb: number;
  dofs: number;
  newton: number;
  nestedNewton: number;
  linear: number;
  nestedLinear: number;
  dipoleMs: number;
  peakBx: number;
  peakBz: number;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

function child(preset: (typeof PRESETS)[number], runs: number): Row {
  const times: number[] = [];
  let last = solveFem(CASE, GRID, { mesh: preset });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = solveFem(CASE, GRID, { mesh: preset });
    times.push(performance.now() - t0);
  }
  const dip: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    dipoleModel.solve(CASE, GRID, { mesh: preset });
    dip.push(performance.now() - t0);
  }
  const plane = GRID.axialCount * GRID.circumferentialCount;
  let peakBx = 0;
  let peakBz = 0;
  for (let p = 0; p < plane; p++) {
    peakBx = Math.max(peakBx, Math.abs(last.data[p]!));
    peakBz = Math.max(peakBz, Math.abs(last.data[2 * plane + p]!));
  }
  const d = last.details;
  return {
    preset,
    medianMs: median(times),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    dofs: d.dofs,
    newton: d.newtonIterations,
    nestedNewton: d.nestedNewtonIterations,
    linear: d.linearIterations,
    nestedLinear: d.nestedLinearIterations,
    dipoleMs: median(dip),
    peakBx,
    peakBz,
  };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const rows: Row[] = [];
  for (const preset of PRESETS) {
    const row = await new Promise<Row>((resolve, reject) => {
      const c = fork(__filename, ['--child', preset, String(preset === 'fine' ? 1 : runs)]);
      c.on('message', (m) => resolve(m as Row));
      c.on('error', reject);
      c.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${preset} child exited ${code}`))));
    });
    rows.push(row);
    console.error(`done ${preset}`);
  }
  const f = (v: number, d = 0): string => v.toFixed(d);
  console.log('| preset | time/sim (median) | peak RSS | DOFs | Newton its (+nested) | PCG its (+nested) | time / dipole | peak Bx | peak Bz |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.preset} | ${f(r.medianMs)} ms | ${f(r.peakRssMb)} MB | ${r.dofs} | ${r.newton} (+${r.nestedNewton}) | ${r.linear} (+${r.nestedLinear}) | ${f(r.medianMs / r.dipoleMs)}x (dipole ${f(r.dipoleMs, 2)} ms) | ${f(r.peakBx * 1e3, 2)} mT | ${f(r.peakBz * 1e3, 2)} mT |`,
    );
  const std = rows.find((r) => r.preset === 'standard')!;
  const fine = rows.find((r) => r.preset === 'fine')!;
  const coarse = rows.find((r) => r.preset === 'coarse')!;
  console.log(`peak |Bx| change standard -> fine: ${f((100 * (std.peakBx - fine.peakBx)) / fine.peakBx, 2)} %`);
  console.log(`peak |Bx| change coarse -> fine:   ${f((100 * (coarse.peakBx - fine.peakBx)) / fine.peakBx, 2)} %`);
  console.log(`peak |Bz| change standard -> fine: ${f((100 * (std.peakBz - fine.peakBz)) / fine.peakBz, 2)} %`);
}

if (process.argv[2] === '--child') {
  const row = child(process.argv[3] as (typeof PRESETS)[number], Number(process.argv[4]));
  process.send!(row, () => process.exit(0));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
