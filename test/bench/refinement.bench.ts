// Refinement benchmark on STAND-IN measured data: `npx tsx test/bench/refinement.bench.ts [synthetic] [measured] [steps]`.
//
// Synthetic maps: the dipole model over the demo campaign's parameter space and sensor grid.
// Measured maps: the stand-in generator (a different process; see services/ml/standin), split in
// two halves so the refiner never trains on the maps the gap check and the depth test use.
// Runs the real jobs (gap_check.py, refine_train.py with Debian's python3) and applies the ONNX
// refiner with onnxruntime-node as the workers do; prints before/after AUCs, depth errors, timings.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PARAM_NAMES, expandRange, loadCampaignSpec, sensorGridOf, toParamVector } from '../../services/campaign';
import { mlConfigSchema } from '../../services/ml/config';
import { encodeNpy } from '../../services/ml/npy';
import { OnnxRefiner } from '../../services/ml/onnx-refiner';
import { runPythonJob } from '../../services/ml/python-job';
import { generateStandIn } from '../../services/ml/standin/generate';
import { dipoleModel } from '../../services/solver/models/dipole';

const [nSyn = 400, nReal = 600, steps = 300] = process.argv.slice(2).map(Number);

async function main(): Promise<void> {
  const config = mlConfigSchema.parse(process.env);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'synthflux-bench-'));
  const spec = { ...loadCampaignSpec(await fs.readFile(path.join(__dirname, '../../examples/demo-campaign.yaml'), 'utf8')), count: nSyn };
  const grid = sensorGridOf(spec);
  const mapSize = 3 * grid.axialCount * grid.circumferentialCount;
  const shape = (n: number) => [n, 3, grid.axialCount, grid.circumferentialCount];

  let t = performance.now();
  const syn = new Float32Array(nSyn * mapSize);
  const synLabels = new Float64Array(nSyn * PARAM_NAMES.length);
  expandRange(spec, 0, nSyn).forEach((d, k) => {
    syn.set(dipoleModel.solve(d, grid, { mesh: 'standard' }).data, k * mapSize);
    synLabels.set(toParamVector(d), k * PARAM_NAMES.length);
  });
  const real = generateStandIn(spec, grid, nReal, 7);
  const half = Math.floor(nReal / 2);
  const save = (name: string, dtype: 'float32' | 'float64', data: Float32Array | Float64Array, s: number[]) =>
    fs.writeFile(path.join(dir, name), encodeNpy({ dtype, data, shape: s } as never));
  await save('synthetic.npy', 'float32', syn, shape(nSyn));
  await save('synthetic_labels.npy', 'float64', synLabels, [nSyn, PARAM_NAMES.length]);
  await save('real_train.npy', 'float32', real.maps.subarray(0, half * mapSize), shape(half));
  await save('real_test.npy', 'float32', real.maps.subarray(half * mapSize), shape(nReal - half));
  await save('real_test_labels.npy', 'float64', real.labels.subarray(half * PARAM_NAMES.length), [nReal - half, PARAM_NAMES.length]);
  console.log(`data: ${nSyn} synthetic + ${nReal} STAND-IN measured maps of 3x${grid.axialCount}x${grid.circumferentialCount} in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);

  const run = async (script: string, job: unknown, name: string) => {
    await fs.writeFile(path.join(dir, `${name}.json`), JSON.stringify(job));
    const { wallMs } = await runPythonJob({
      python: config.ML_PYTHON, script: path.join(config.ML_SCRIPTS_DIR, script), args: [path.join(dir, `${name}.json`)], cwd: dir, threads: config.ML_TORCH_THREADS,
      heartbeat: ({ lastLine }) => lastLine && process.stderr.write(`  ${lastLine}\n`), heartbeatMs: 20_000,
    });
    return wallMs / 1000;
  };
  const labelNames = [...PARAM_NAMES];
  const gapJob = (maps: string, stage: string, out: string) => ({
    campaignId: 'bench', outputDir: out, options: { folds: 5, cnnEpochs: 8, permutations: 200, seed: 0 },
    synthetic: { maps, labels: 'synthetic_labels.npy', labelNames, stage },
    real: { maps: 'real_test.npy', labels: 'real_test_labels.npy', labelNames, standIn: true },
  });
  const rawSeconds = await run('gap_check.py', gapJob('synthetic.npy', 'raw', 'gap-raw'), 'gap-raw');
  const trainSeconds = await run('refine_train.py', {
    campaignId: 'bench', outputDir: 'train', synthetic: { maps: 'synthetic.npy' }, real: { maps: 'real_train.npy', standIn: true },
    options: { steps, batchSize: 32, seed: 0, threads: config.ML_TORCH_THREADS },
  }, 'train');

  const refiner = await OnnxRefiner.load(path.join(dir, 'train', 'refiner.onnx'), config.ML_TORCH_THREADS);
  t = performance.now();
  const refined = new Float32Array(syn.length);
  const batch = 100;
  for (let start = 0; start < nSyn; start += batch) {
    const n = Math.min(batch, nSyn - start);
    refined.set(await refiner.refine(syn.subarray(start * mapSize, (start + n) * mapSize), shape(n), start), start * mapSize);
  }
  const inferMs = performance.now() - t;
  await refiner.close();
  await save('refined.npy', 'float32', refined, shape(nSyn));
  const refinedSeconds = await run('gap_check.py', gapJob('refined.npy', 'refined', 'gap-refined'), 'gap-refined');

  const report = async (name: string) => JSON.parse(await fs.readFile(path.join(dir, name, 'report.json'), 'utf8'));
  const [raw, ref, training] = await Promise.all([report('gap-raw'), report('gap-refined'), fs.readFile(path.join(dir, 'train', 'training.json'), 'utf8').then(JSON.parse)]);
  const line = (label: string, r: { classifiers: Record<string, { auc: number; aucCi95: number[] }>; depthTstr: { mae: number; bias: number }; mmd: { pValue: number } }) =>
    `${label.padEnd(9)} AUC logistic ${r.classifiers.logistic!.auc.toFixed(3)} [${r.classifiers.logistic!.aucCi95.map((v) => v.toFixed(3)).join(', ')}]  ` +
    `cnn ${r.classifiers.cnn!.auc.toFixed(3)} [${r.classifiers.cnn!.aucCi95.map((v) => v.toFixed(3)).join(', ')}]  MMD p ${r.mmd.pValue.toFixed(3)}  ` +
    `depth MAE ${r.depthTstr.mae.toFixed(2)} %wt (bias ${r.depthTstr.bias.toFixed(2)})`;
  console.log(line('raw', raw));
  console.log(line('refined', ref));
  console.log(`AUC drop (max of the two classifiers): ${(raw.auc - ref.auc).toFixed(3)}`);
  console.log(`training: ${training.steps} steps x ${training.batchSize}, ${training.secondsPerStep.toFixed(3)} s/step, ${training.trainSeconds.toFixed(1)} s (job ${trainSeconds.toFixed(1)} s incl. startup and export), ${training.refinerParameters} parameters, ${training.threads} threads`);
  console.log(`inference (onnxruntime-node, ${config.ML_TORCH_THREADS} threads): ${nSyn} maps in ${(inferMs / 1000).toFixed(2)} s = ${(inferMs / nSyn).toFixed(2)} ms/map`);
  console.log(`gap check jobs: raw ${rawSeconds.toFixed(1)} s, refined ${refinedSeconds.toFixed(1)} s`);
  await fs.writeFile(path.join(dir, 'summary.json'), JSON.stringify({ raw, refined: ref, training, inferMs }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
