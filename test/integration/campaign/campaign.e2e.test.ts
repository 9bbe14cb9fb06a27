import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from '@temporalio/worker';
import { expandSimulation, sensorGridOf, toParamVector } from '../../../services/campaign';
import { rasteriseDefect, sensorCells } from '../../../services/domain/raster';
import { campaignStatus } from '../../../services/control/status';
import { submitCampaign } from '../../../services/control/submit';
import { verifyDataset } from '../../../services/control/verify';
import { checksumOf, datasetPrefix, manifestKey, readDefects } from '../../../services/store/dataset';
import { readObject } from '../../../services/store/s3';
import { createCampaignFixture, testSpec, type CampaignFixture } from './fixtures';

const run = promisify(execFile);

describe('a campaign end to end on real Temporal, S3, PostgreSQL and a gRPC solver', () => {
  let f: CampaignFixture;
  let campaignId: string;
  const spec = testSpec(
    'e2e',
    `count: 230
seed: 7
sampler: latin-hypercube
solver: { model: dipole, sensorGrid: { axialCount: 24, circumferentialCount: 12 } }
batchSize: 50
shardSize: 2
limits: { maxShardsInFlight: 2, maxBatchesInFlight: 2 }
`,
  );

  beforeAll(async () => {
    f = await createCampaignFixture();
    const worker = await f.newWorker();
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    campaignId = submitted.campaignId;
    const outcome = await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result());
    expect(outcome).toBe('COMPLETED');
  });
  afterAll(() => f?.close());

  it('catalogs every simulation exactly once, with one batch event per batch in commit order', async () => {
    const prisma = f.servers.prisma;
    expect(await prisma.simulation.count({ where: { campaignId } })).toBe(230);
    const indexes = await prisma.simulation.findMany({ where: { campaignId }, select: { index: true }, orderBy: { index: 'asc' } });
    expect(indexes.map((r) => r.index)).toEqual(Array.from({ length: 230 }, (_, i) => i));
    const events = await prisma.batchEvent.findMany({ where: { campaignId }, orderBy: { cursor: 'asc' } });
    expect(events.map((e) => e.batchIndex).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(events.map((e) => e.count).reduce((a, b) => a + b, 0)).toBe(230);
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.state).toBe('COMPLETED');
    expect(campaign.completedAt).not.toBeNull();
  });

  it('stores maps whose checksums match the catalog, and parameters that match the deterministic expansion', async () => {
    const v = await verifyDataset(f.deps, campaignId);
    expect(v).toMatchObject({ catalogRows: 230, distinctIndexes: 230, succeededRows: 230, mapsInStore: 230, checksumMatches: 230, mismatches: [] });
    const row = await f.servers.prisma.simulation.findUniqueOrThrow({ where: { campaignId_index: { campaignId, index: 123 } } });
    expect(row.params).toMatchObject({ ...expandSimulation(spec, 123) });
  });

  it('is readable without synthflux: an independent Python Zarr v3 reader gets the same maps and parameters', async () => {
    const { stdout } = await run('/usr/bin/python3', [path.join(__dirname, '..', 'readers', 'read_zarr_v3.py'), f.servers.bucket, datasetPrefix(campaignId)], {
      env: { ...process.env, S3_ENDPOINT: f.servers.s3Config.endpoint, S3_ACCESS_KEY: f.servers.s3Config.accessKey, S3_SECRET_KEY: f.servers.s3Config.secretKey },
      maxBuffer: 64 * 1024 * 1024,
    });
    const read = JSON.parse(stdout) as {
      signals_shape: number[];
      params_shape: number[];
      checksums: (string | null)[];
      params: number[][];
      finite_maps: number;
      defects_shape: number[];
      defects_units: string;
      defects_checksums: (string | null)[];
    };
    expect(read.signals_shape).toEqual([230, 3, 24, 12]);
    expect(read.params_shape).toEqual([230, 7]);
    expect(read.finite_maps).toBe(230);
    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId }, select: { index: true, checksum: true }, orderBy: { index: 'asc' } });
    expect(read.checksums).toEqual(rows.map((r) => r.checksum));
    for (const i of [0, 99, 229]) expect(read.params[i]).toEqual(toParamVector(expandSimulation(spec, i)));
    // The depth maps: one per simulation on the sensor cells, the defect's mean depth per cell.
    expect(read.defects_shape).toEqual([230, 24, 12]);
    expect(read.defects_units).toBe('mm');
    const cells = sensorCells(sensorGridOf(spec));
    for (const i of [0, 99, 229]) expect(read.defects_checksums[i]).toBe(checksumOf(Float32Array.from(rasteriseDefect(expandSimulation(spec, i), cells).depthsMm)));
  });

  it('stores each simulation\'s depth map beside its signals, described in the manifest', async () => {
    const loc = { bucket: f.servers.bucket, prefix: datasetPrefix(campaignId) };
    const defects = (await readDefects(f.servers.s3, loc, 100, 50))!;
    expect(defects.shape).toEqual([50, 24, 12]);
    const cells = sensorCells(sensorGridOf(spec));
    const row = (k: number): number[] => Array.from(defects.data.subarray(k * 288, (k + 1) * 288));
    expect(row(23)).toEqual(Array.from(Float32Array.from(rasteriseDefect(expandSimulation(spec, 123), cells).depthsMm)));
    // Every defect of this spec lies (at least partly) under the sensors.
    expect(Math.max(...row(23))).toBeGreaterThan(0);
    const batch = await f.servers.prisma.batch.findUniqueOrThrow({ where: { campaignId_batchIndex: { campaignId, batchIndex: 2 } } });
    expect(batch.locations).toContain(`${loc.prefix}/defects/c/2/0/0`);
    const manifest = JSON.parse((await readObject(f.servers.s3, f.servers.bucket, manifestKey(campaignId)))!.toString()) as { arrays: Record<string, Record<string, unknown>> };
    expect(manifest.arrays.defects).toMatchObject({ path: 'defects', shape: [230, 24, 12], dtype: 'float32', units: 'mm', chunkRows: 50, grid: { axialCount: 24, circumferentialCount: 12 } });
  });

  it('reports the finished campaign through the control API and the CLI', async () => {
    const status = await campaignStatus({ prisma: f.servers.prisma, temporal: f.client }, campaignId);
    expect(status).toMatchObject({ state: 'COMPLETED', workflowStatus: 'COMPLETED', total: 230, succeeded: 230, failed: 0, batchesDone: 5, batchesTotal: 5 });
    const { stdout } = await run(path.join(__dirname, '..', '..', '..', 'bin', 'synthflux'), ['campaign', 'status', campaignId], {
      env: { ...process.env, TEMPORAL_ADDRESS: f.servers.temporalAddress, DATABASE_URL: f.servers.databaseUrl, SYNTHFLUX_STACK_DIR: '/nonexistent' },
    });
    expect(stdout).toContain('state      COMPLETED   workflow COMPLETED');
    expect(stdout).toContain('230/230 simulations, 5/5 batches');
  });

  it('replays the recorded campaign and shard histories deterministically', async () => {
    const handle = f.client.workflow.getHandle(`campaign-${campaignId}`);
    await Worker.runReplayHistory({ workflowBundle: f.workflowBundle }, await handle.fetchHistory(), handle.workflowId);
    const shard = f.client.workflow.getHandle(`campaign-${campaignId}-shard-1`);
    await Worker.runReplayHistory({ workflowBundle: f.workflowBundle }, await shard.fetchHistory(), shard.workflowId);
  });
});
