// A solver that lies: it answers "success" with maps holding NaN or Inf, of the wrong shape, with
// truncated data, or leaves a simulation out. The worker must fail exactly those simulations with a
// reason and never catalog them as successes; the rest of the batch is cataloged normally.

import { submitCampaign } from '../../../services/control/submit';
import { verifyDataset } from '../../../services/control/verify';
import type { SolverPool } from '../../../services/worker/solver-pool';
import type { SolveBatchResponse__Output } from '../../../proto/generated/synthflux/solver/v1/SolveBatchResponse';
import { createCampaignFixture, testSpec, type CampaignFixture } from '../campaign/fixtures';

type Corruption = 'nan' | 'inf' | 'shape' | 'truncated' | 'missing' | 'none';
const CORRUPTIONS: Corruption[] = ['nan', 'inf', 'shape', 'truncated', 'missing', 'none'];
const corruptionOf = (index: number): Corruption => CORRUPTIONS[index % CORRUPTIONS.length]!;

function corrupt(response: SolveBatchResponse__Output): SolveBatchResponse__Output {
  const results = response.results.flatMap((r) => {
    const kind = corruptionOf(Number(r.index));
    const map = r.signalMap;
    if (kind === 'missing') return [];
    if (!map || kind === 'none') return [r];
    const values = new Float32Array(map.data.buffer.slice(map.data.byteOffset, map.data.byteOffset + map.data.byteLength));
    if (kind === 'nan') values[3] = Number.NaN;
    if (kind === 'inf') values[values.length - 1] = Number.NEGATIVE_INFINITY;
    const data = Buffer.from(values.buffer);
    if (kind === 'shape') return [{ ...r, signalMap: { ...map, shape: [map.shape[0]!, map.shape[2]!, map.shape[1]! + 1] } }];
    if (kind === 'truncated') return [{ ...r, signalMap: { ...map, data: data.subarray(0, data.length - 8) } }];
    return [{ ...r, signalMap: { ...map, data } }];
  });
  return { ...response, results };
}

describe('a solver returning NaN/Inf, wrong shapes or no result', () => {
  let f: CampaignFixture;
  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  it('fails exactly those simulations with a reason; none is cataloged as a success', async () => {
    const lying = new Proxy(f.solverPool, {
      get(target, prop, receiver) {
        if (prop === 'solve') return async (...args: Parameters<SolverPool['solve']>) => corrupt(await target.solve(...args));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const worker = await f.newWorker({ solverPool: lying });
    // A unique seed: nothing may come from the content-hash cache of an earlier run.
    const spec = testSpec('lying', `count: 60\nseed: ${Date.now() % 1_000_000}\nsampler: uniform\nsolver: { model: dipole, sensorGrid: { axialCount: 8, circumferentialCount: 4 } }\nbatchSize: 12\n`);
    const submitted = await submitCampaign({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket }, spec);
    await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result());

    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId: submitted.campaignId }, orderBy: { index: 'asc' } });
    expect(rows).toHaveLength(60);
    const reasons: Record<Corruption, RegExp | null> = { nan: /^NON_FINITE/, inf: /^NON_FINITE/, shape: /^WRONG_SHAPE/, truncated: /^WRONG_SHAPE/, missing: /^MISSING_RESULT/, none: null };
    for (const row of rows) {
      const want = reasons[corruptionOf(row.index)];
      if (want === null) {
        expect({ index: row.index, status: row.status, error: row.error }).toEqual({ index: row.index, status: 'SUCCEEDED', error: null });
      } else {
        expect({ index: row.index, status: row.status, checksum: row.checksum }).toEqual({ index: row.index, status: 'FAILED', checksum: null });
        expect(row.error).toMatch(want);
      }
    }
    // The maps in the store agree with the catalog: the 10 good ones match, no failed one has a map.
    const v = await verifyDataset(f.deps, submitted.campaignId);
    expect(v).toMatchObject({ catalogRows: 60, distinctIndexes: 60, succeededRows: 10, mapsInStore: 10, checksumMatches: 10, mismatches: [] });
  });
});
