// Trains while a campaign runs: follows its completed batches, reads each batch's maps and
// parameters straight from object storage, and fits an online linear regression of defect depth
// (% of wall) from a few map features, printing the loss on each batch before learning from it.
//
//   npx tsx examples/consumer/train-online.ts CAMPAIGN_ID [--cursor-file FILE]
//
// Next to `npm run stack:up` it finds the service address, S3 credentials and token by itself.
// The cursor file is this consumer's progress: stop it at any time and it resumes after the last
// batch it learned from, never learning from a batch twice.

import fs from 'node:fs';
import path from 'node:path';
import { createSubscriptionsClient, readBatchArrays, watchBatches, type BatchArrays } from '../../services/consumer';
import { loadStackEnv } from '../../services/stack/credentials';
import { defaultStackDir } from '../../services/stack/paths';
import { readStackToken } from '../../services/stack/stack-token';
import { createS3Client, s3ConfigSchema } from '../../services/store/s3';

const DEPTH_COLUMN = 'defectDepth_percent';

/** Peak-to-peak and peak |value| of each channel: the classic MFL amplitude features. */
function features(signals: Float32Array, row: number, channels: number, mapSize: number): number[] | undefined {
  const out: number[] = [];
  for (let c = 0; c < channels; c++) {
    let min = Infinity;
    let max = -Infinity;
    const base = row * channels * mapSize + c * mapSize;
    for (let k = 0; k < mapSize; k++) {
      const v = signals[base + k]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined; // failed simulation
    out.push((max - min) * 1e3, Math.max(-min, max) * 1e3); // mT
  }
  return out;
}

/** Linear regression by SGD on standardized features (running mean and variance, Welford). */
class OnlineRegression {
  private w: number[];
  private b = 50;
  private n = 0;
  private mean: number[];
  private m2: number[];
  constructor(dims: number, private readonly rate = 0.05) {
    this.w = new Array<number>(dims).fill(0);
    this.mean = new Array<number>(dims).fill(0);
    this.m2 = new Array<number>(dims).fill(0);
  }
  private scale(x: number[]): number[] {
    return x.map((v, i) => (v - this.mean[i]!) / Math.sqrt(this.m2[i]! / Math.max(1, this.n - 1) + 1e-12));
  }
  predict(x: number[]): number {
    return this.scale(x).reduce((sum, v, i) => sum + v * this.w[i]!, this.b);
  }
  learn(x: number[], y: number): void {
    this.n++;
    x.forEach((v, i) => {
      const d = v - this.mean[i]!;
      this.mean[i]! += d / this.n;
      this.m2[i]! += d * (v - this.mean[i]!);
    });
    const z = this.scale(x);
    const err = z.reduce((sum, v, i) => sum + v * this.w[i]!, this.b) - y;
    z.forEach((v, i) => (this.w[i]! -= this.rate * err * v));
    this.b -= this.rate * err;
  }
}

async function main(): Promise<void> {
  const campaignId = process.argv[2];
  if (!campaignId) throw new Error('usage: train-online.ts CAMPAIGN_ID [--cursor-file FILE]');
  const flag = process.argv.indexOf('--cursor-file');
  const cursorFile = flag > 0 ? process.argv[flag + 1]! : path.join(defaultStackDir(), `consumer-${campaignId}.cursor`);
  loadStackEnv(defaultStackDir());
  const token = readStackToken(defaultStackDir());
  if (!token) throw new Error('no token: set SYNTHFLUX_TOKEN (the stack writes one to .synthflux/subscriptions.env)');
  const s3 = createS3Client(s3ConfigSchema.parse(process.env));
  const client = createSubscriptionsClient(process.env.SUBSCRIPTIONS_ADDRESS ?? '127.0.0.1:50070');
  const afterCursor = fs.existsSync(cursorFile) ? fs.readFileSync(cursorFile, 'utf8').trim() : '';
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  console.log(`following ${campaignId}${afterCursor ? ` after cursor ${afterCursor}` : ' from its first batch'} (Ctrl-C stops; the cursor is kept in ${cursorFile})`);

  // A restarted consumer starts a fresh model here; a real job would checkpoint it with the cursor.
  let model: OnlineRegression | undefined;
  try {
    for await (const event of watchBatches({ client, token, campaignIds: [campaignId], afterCursor, signal: abort.signal })) {
      const arrays: BatchArrays = await readBatchArrays(s3, event);
      const [count, channels, axial, circ] = arrays.signalsShape as [number, number, number, number];
      const depth = arrays.paramNames.indexOf(DEPTH_COLUMN);
      if (depth < 0) throw new Error(`the params array has no '${DEPTH_COLUMN}' column`);
      let squared = 0;
      let used = 0;
      for (let r = 0; r < count; r++) {
        const x = features(arrays.signals, r, channels, axial * circ);
        if (!x) continue;
        model ??= new OnlineRegression(x.length);
        const y = arrays.params[r * arrays.paramsShape[1]! + depth]!;
        squared += (model.predict(x) - y) ** 2; // progressive validation: tested before it is learned
        used++;
        model.learn(x, y);
      }
      const rmse = Math.sqrt(squared / Math.max(1, used));
      console.log(`batch ${String(event.batchIndex).padStart(4)}  cursor ${event.cursor.padStart(6)}  ${used} maps  depth RMSE before update ${rmse.toFixed(2)} % of wall`);
      fs.writeFileSync(cursorFile, event.cursor); // only after the batch is learned
    }
  } finally {
    client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
