import { execFile, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getCampaign, getDataset, listCampaigns } from '../../../services/consumer/client';
import { readBatchArrays } from '../../../services/consumer/arrays';
import { watchBatches, type BatchEvent } from '../../../services/consumer/watch';
import { submitCampaign } from '../../../services/control/submit';
import { createCampaignFixture, testSpec, type CampaignFixture } from '../campaign/fixtures';
import { expectStrictlyIncreasing, startSubscriptionFixture, type SubscriptionFixture } from './helpers';

const run = promisify(execFile);
const BATCHES = 8;
const spec = testSpec(
  'subs',
  `count: ${BATCHES * 10}
seed: 3
sampler: uniform
solver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }
batchSize: 10
shardSize: 4
limits: { maxShardsInFlight: 2, maxBatchesInFlight: 2 }
`,
);

describe('consumers of a real campaign', () => {
  let f: CampaignFixture;
  let s: SubscriptionFixture;
  let campaignId: string;
  const liveEvents: BatchEvent[] = [];

  beforeAll(async () => {
    f = await createCampaignFixture();
    s = await startSubscriptionFixture(f.servers);
  });
  afterAll(async () => {
    await s?.close();
    await f?.close();
  });

  it('a consumer that disconnects mid-campaign and reconnects with its cursor, across a service restart too, gets every batch exactly once', async () => {
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    campaignId = submitted.campaignId;
    const worker = await f.newWorker();
    const consume = async (): Promise<void> => {
      // The caller's persisted cursor: updated only after an event is processed.
      let saved = '';
      const session = async (stopAfter: number, restartServerAfter?: number): Promise<void> => {
        const abort = new AbortController();
        let n = 0;
        for await (const event of watchBatches({ client: s.client, token: s.token, campaignIds: [campaignId], afterCursor: saved, signal: abort.signal, backoff: { initialMs: 50, maxMs: 500 } })) {
          liveEvents.push(event);
          saved = event.cursor;
          n++;
          if (n === restartServerAfter) await s.restart(); // the library reconnects by itself
          if (n >= stopAfter) break; // our own disconnect: a crash or a redeploy of the consumer
        }
      };
      await session(2);
      await session(3, 1);
      await session(BATCHES - 5);
    };
    await worker.runUntil(Promise.all([f.client.workflow.getHandle(submitted.workflowId).result(), consume()]));
    expect(liveEvents.map((e) => e.batchIndex).sort((a, b) => a - b)).toEqual(Array.from({ length: BATCHES }, (_, i) => i));
    expectStrictlyIncreasing(liveEvents);
    expect(liveEvents.every((e) => e.campaignId === campaignId && e.count === 10 && e.succeeded === 10)).toBe(true);
  });

  it('a consumer started after the campaign finished receives the full history, and the arrays match the checksums', async () => {
    const history: BatchEvent[] = [];
    const abort = new AbortController();
    for await (const event of watchBatches({ client: s.client, token: s.token, campaignIds: [campaignId], signal: abort.signal })) {
      history.push(event);
      if (history.length === BATCHES) abort.abort();
    }
    expect(history.map((e) => e.cursor)).toEqual(liveEvents.map((e) => e.cursor));
    const arrays = await readBatchArrays(f.servers.s3, history[3]!);
    expect(arrays.signalsShape).toEqual([10, 3, 16, 8]);
    expect(arrays.paramsShape).toEqual([10, 7]);
    expect(arrays.paramNames).toHaveLength(7);
    expect(arrays.defectsShape).toEqual([10, 16, 8]);
    await expect(readBatchArrays(f.servers.s3, { ...history[3]!, checksum: '0'.repeat(64) })).rejects.toThrow(/do not match/);
  });

  it('serves the campaign, the campaign list and the dataset manifest', async () => {
    const campaign = await getCampaign(s.client, s.token, campaignId);
    expect(campaign).toMatchObject({ campaignId, state: 'COMPLETED', total: BATCHES * 10, batchCount: BATCHES, batchesDone: BATCHES, succeeded: BATCHES * 10, failed: 0 });
    const first = await listCampaigns(s.client, s.token, 1);
    expect(first.campaigns).toHaveLength(1);
    const all = await listCampaigns(s.client, s.token, 500);
    expect(all.campaigns.map((c) => c.campaignId)).toContain(campaignId);
    const dataset = await getDataset(s.client, s.token, campaignId);
    expect(dataset).toMatchObject({ format: 'zarr-v3', bucket: f.servers.bucket, prefix: `campaigns/${campaignId}/dataset.zarr` });
    expect(JSON.parse(dataset.manifestJson)).toMatchObject({ campaignId, state: 'COMPLETED', arrays: { signals: { shape: [BATCHES * 10, 3, 16, 8] } } });
  });

  it('exports a self-contained, checksummed copy with a train/validation split that the independent reader can read', async () => {
    const dir = path.join(os.tmpdir(), `synthflux-export-${campaignId}`);
    const env = {
      ...process.env,
      DATABASE_URL: f.servers.databaseUrl,
      S3_ENDPOINT: f.servers.s3Config.endpoint,
      S3_ACCESS_KEY: f.servers.s3Config.accessKey,
      S3_SECRET_KEY: f.servers.s3Config.secretKey,
      S3_BUCKET: f.servers.bucket,
      SYNTHFLUX_STACK_DIR: '/nonexistent',
    };
    const bin = path.join(__dirname, '..', '..', '..', 'bin', 'synthflux');
    const local = await run(bin, ['dataset', 'export', campaignId, '--to', dir, '--validation-fraction', '0.25'], { env });
    expect(local.stdout).toContain('verified');
    expect(local.stdout).toContain(`defects    ${BATCHES * 10} depth maps`);
    const remote = await run(bin, ['dataset', 'export', campaignId, '--to', `s3://synthflux-export/copies/${campaignId}`], { env });
    expect(remote.stdout).toContain('verified');
    const { stdout } = await run('/usr/bin/python3', [path.join(__dirname, '..', 'readers', 'read_zarr_v3.py'), 'synthflux-export', `copies/${campaignId}/dataset.zarr`], {
      env: { ...process.env, S3_ENDPOINT: f.servers.s3Config.endpoint, S3_ACCESS_KEY: f.servers.s3Config.accessKey, S3_SECRET_KEY: f.servers.s3Config.secretKey },
      maxBuffer: 64 * 1024 * 1024,
    });
    const read = JSON.parse(stdout) as { signals_shape: number[]; finite_maps: number; checksums: string[]; defects_shape: number[] };
    expect(read.signals_shape).toEqual([BATCHES * 10, 3, 16, 8]);
    expect(read.defects_shape).toEqual([BATCHES * 10, 16, 8]);
    expect(read.finite_maps).toBe(BATCHES * 10);
    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId }, select: { checksum: true }, orderBy: { index: 'asc' } });
    expect(read.checksums).toEqual(rows.map((r) => r.checksum));
    const fs = await import('node:fs');
    const split = JSON.parse(fs.readFileSync(path.join(dir, 'split.json'), 'utf8')) as { train: number[]; validation: number[]; test: number[]; testRule: string };
    expect(split.train.length + split.validation.length).toBe(BATCHES * 10);
    // Synthetic maps are never a test set; the export says where test sets come from.
    expect(split.test).toEqual([]);
    expect(split.testRule).toMatch(/^no test split: synthetic and refined maps never go in a test split; test sets are measured maps only, held out by defect/);
    expect(split.validation.length).toBeGreaterThan(5);
    // Each simulation's POF class, as the catalog has it.
    const csv = fs.readFileSync(path.join(dir, 'simulations.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('index,split,status,content_hash,checksum,error,defect_class');
    const classes = await f.servers.prisma.simulation.findMany({ where: { campaignId }, select: { defectClass: true }, orderBy: { index: 'asc' } });
    expect(csv.slice(1).map((line) => line.split(',').at(-1))).toEqual(classes.map((r) => r.defectClass ?? ''));
    expect(classes.every((r) => r.defectClass !== null)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the example trainer learns from every batch and keeps its cursor', async () => {
    const cursorFile = path.join(os.tmpdir(), `synthflux-cursor-${campaignId}`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', '..', 'examples', 'consumer', 'train-online.ts'), campaignId, '--cursor-file', cursorFile], {
      env: {
        ...process.env,
        SYNTHFLUX_STACK_DIR: '/nonexistent',
        SUBSCRIPTIONS_ADDRESS: s.server.address,
        SYNTHFLUX_TOKEN: s.token,
        S3_ENDPOINT: f.servers.s3Config.endpoint,
        S3_ACCESS_KEY: f.servers.s3Config.accessKey,
        S3_SECRET_KEY: f.servers.s3Config.secretKey,
        S3_BUCKET: f.servers.bucket,
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while ((out.match(/depth RMSE/g) ?? []).length < BATCHES && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    expect(out.match(/depth RMSE before update [\d.]+ % of wall/g)).toHaveLength(BATCHES);
    const fs = await import('node:fs');
    expect(fs.readFileSync(cursorFile, 'utf8')).toBe(liveEvents.at(-1)!.cursor);
    fs.rmSync(cursorFile, { force: true });
  });
});
