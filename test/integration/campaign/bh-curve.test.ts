// Campaigns with their own B-H curves on the real stack (Temporal, PostgreSQL, S3, gRPC solver):
// the curve's rows travel from the spec through the catalog to the solver, and the cache reuses a
// map only for the same curve content.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCampaignSpec, type CampaignSpec } from '../../../services/campaign';
import { submitCampaign } from '../../../services/control/submit';
import { verifyDataset } from '../../../services/control/verify';
import type { SolverPool } from '../../../services/worker/solver-pool';
import { TEAM13_B, TEAM13_H } from '../../../services/solver/models/fem/team13';
import { createCampaignFixture, type CampaignFixture } from './fixtures';

const SOFT = 'H [A/m],B [T]\n0,0\n200,0.8\n1000,1.3\n5000,1.6\n20000,1.85\n60000,2.0\n';

describe('campaigns with their own B-H curves', () => {
  let f: CampaignFixture;
  let dir: string;
  beforeAll(async () => {
    f = await createCampaignFixture();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-campaign-'));
    fs.writeFileSync(path.join(dir, 'soft.csv'), SOFT);
    fs.writeFileSync(path.join(dir, 'mill-team13.csv'), `H [A/m],B [T]\n${TEAM13_H.map((h, i) => `${h},${TEAM13_B[i]}`).join('\n')}\n`);
  });
  afterAll(async () => {
    await f?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const control = () => ({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket });
  const spec = (name: string, material: string): CampaignSpec =>
    loadCampaignSpec(
      `name: ${name}\ncount: 3\nsampler: sobol\nseed: 4242\nparameters: { wallThickness: 8, defectDepth: { min: 40, max: 70 } }\n` +
        `solver: { model: fem, mesh: coarse, ${material}, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 3\n`,
      `${name}.yaml`,
      { baseDir: dir },
    );

  it('solves each curve once, and reuses maps only between equal curves', async () => {
    let calls = 0;
    const sent: string[] = [];
    const pool: Pick<SolverPool, 'solve' | 'identity'> = {
      identity: (signal) => f.solverPool.identity(signal),
      solve: (request, ...rest) => {
        calls++;
        sent.push(request.settings?.bhCurve?.name ?? '(none)');
        return f.solverPool.solve(request, ...rest);
      },
    };
    const run = async (s: CampaignSpec) => {
      const submitted = await submitCampaign(control(), s);
      const worker = await f.newWorker({ solverPool: pool });
      expect(await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result())).toBe('COMPLETED');
      const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId: submitted.campaignId }, orderBy: { index: 'asc' } });
      expect(rows.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
      expect(await verifyDataset(f.deps, submitted.campaignId)).toMatchObject({ mapsInStore: 3, checksumMatches: 3 });
      return rows;
    };

    const team13 = await run(spec('steel-default', 'material: team13'));
    expect(calls).toBe(1);
    const soft = await run(spec('steel-soft', 'material: { table: soft.csv }'));
    expect(calls).toBe(2); // another curve: solved, never served from TEAM 13's maps
    expect(soft.map((r) => r.contentHash)).not.toEqual(expect.arrayContaining([team13[0]!.contentHash]));
    soft.forEach((r, i) => expect(r.checksum).not.toBe(team13[i]!.checksum));
    const copy = await run(spec('steel-copy', 'material: { table: mill-team13.csv }'));
    expect(calls).toBe(2); // TEAM 13's rows under another name: the same content, so the same maps
    expect(copy.map((r) => [r.contentHash, r.checksum])).toEqual(team13.map((r) => [r.contentHash, r.checksum]));
    expect(sent).toEqual(['team13', 'soft']);
  });
});
