// One front door: the API service's Control API with token scopes and campaign owners, and the
// CLI going through it. Real parts: the Temporal dev server, PostgreSQL and the S3 server of
// test/global-setup.ts, the API gRPC server (in-process), a real worker and solver, and
// bin/synthflux spawned with SYNTHFLUX_API_ADDRESS and a token. The CLI's direct settings point
// nowhere, so everything it prints came through the API.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { status } from '@grpc/grpc-js';
import { createControlClient, type ControlClient } from '../../../services/control/api-client';
import { campaignRefinements } from '../../../services/control/refinements';
import { newToken } from '../../../services/subscriptions/auth';
import { createCampaignFixture, type CampaignFixture } from '../campaign/fixtures';
import { seedRefinement } from '../dashboard/refinement-seed';
import { auth, controlCall, createSyntheticCampaign, signals, startSubscriptionFixture, uniqueId, type SubscriptionFixture } from '../subscriptions/helpers';

const run = promisify(execFile);
const cliPath = path.join(__dirname, '..', '..', '..', 'bin', 'synthflux');

describe('one front door: the Control API with campaign owners, and the CLI through it', () => {
  let f: CampaignFixture;
  let api: SubscriptionFixture;
  let control: ControlClient;
  let dir: string;
  let specFile: string;
  const teamA = newToken('team-a', ['submit']);
  const teamB = newToken('team-b', ['submit']);
  const ops = newToken('ops', ['admin']);
  const reader = newToken('ml-reader', ['read']);
  const campaignId = uniqueId('front');
  const workflowId = `campaign-${campaignId}`;

  /** bin/synthflux through the API with `token`; the direct settings lead nowhere. */
  const cli = (args: string[], token: string | undefined, extraEnv: Record<string, string> = {}) =>
    run(cliPath, args, {
      env: {
        ...process.env,
        SYNTHFLUX_STACK_DIR: path.join(dir, 'no-stack'),
        SYNTHFLUX_API_ADDRESS: api.server.address,
        SYNTHFLUX_TOKEN: token ?? '',
        TEMPORAL_ADDRESS: '127.0.0.1:9',
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nothing',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        ...extraEnv,
      },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );

  beforeAll(async () => {
    f = await createCampaignFixture();
    api = await startSubscriptionFixture(f.servers, {
      SUBSCRIPTIONS_TOKENS: [teamA.entry, teamB.entry, ops.entry, reader.entry].join(','),
      TEMPORAL_ADDRESS: f.servers.temporalAddress,
    });
    control = createControlClient(api.server.address);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'front-door-'));
    specFile = path.join(dir, 'front.yaml');
    fs.writeFileSync(
      specFile,
      'name: front\ncount: 60\nsampler: sobol\nseed: 11\nsolver: { model: dipole, sensorGrid: { axialCount: 12, circumferentialCount: 6 } }\nbatchSize: 10\nshardSize: 2\nlimits: { maxShardsInFlight: 1, maxBatchesInFlight: 1 }\n',
    );
  });
  afterAll(async () => {
    control?.close();
    await api?.close();
    await f?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("team A submits through the CLI and owns the campaign; resubmitting the same spec is the same campaign", async () => {
    const submitted = await cli(['campaign', 'submit', specFile, '--id', campaignId], teamA.token);
    expect(submitted).toMatchObject({ code: 0, stdout: expect.stringContaining(`submitted campaign ${campaignId}: 60 simulations in 6 batches`) });
    expect(await f.servers.prisma.campaign.findUnique({ where: { id: campaignId } })).toMatchObject({ owner: 'team-a', total: 60, workflowId });
    // The spec went over as parsed JSON: the API computes the same spec hash, so this is not a conflict.
    expect(await cli(['campaign', 'submit', specFile, '--id', campaignId], teamA.token)).toMatchObject({ code: 0 });
  });

  it("team B cannot steer team A's campaign, by the API or the CLI, and nothing reaches the workflow", async () => {
    for (const method of ['PauseCampaign', 'ResumeCampaign', 'CancelCampaign', 'RetryFailed'] as const) {
      const { error } = await controlCall(control, method, { campaignId }, auth(teamB.token));
      expect({ method, code: error?.code }).toEqual({ method, code: status.PERMISSION_DENIED });
      expect(error?.details).toContain(`campaign '${campaignId}' belongs to 'team-a'`);
    }
    // Nor take the id over by submitting under it.
    const spec = fs.readFileSync(specFile, 'utf8');
    expect((await controlCall(control, 'SubmitCampaign', { specYaml: spec, campaignId }, auth(teamB.token))).error?.code).toBe(status.PERMISSION_DENIED);
    // set-limits needs admin whoever owns the campaign.
    expect((await controlCall(control, 'SetLimits', { campaignId, maxBatchesInFlight: 2 }, auth(teamA.token))).error?.details).toContain("lacks the 'admin' scope");

    const denied = await cli(['campaign', 'pause', campaignId], teamB.token);
    expect(denied.code).toBe(5);
    expect(denied.stderr).toContain(`pause: permission denied by the API at ${api.server.address}: campaign '${campaignId}' belongs to 'team-a'`);
    expect(await signals(f.client, workflowId)).toEqual([]);
    expect((await f.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');
  });

  it('the admin token steers any campaign; team A steers its own (CLI)', async () => {
    expect((await controlCall(control, 'PauseCampaign', { campaignId }, auth(ops.token))).response).toEqual({ campaignId, workflowId });
    expect(await cli(['campaign', 'set-limits', campaignId, '--batches', '2'], ops.token)).toMatchObject({ code: 0, stdout: expect.stringContaining(`limits sent to ${campaignId}`) });
    expect(await cli(['campaign', 'resume', campaignId], teamA.token)).toMatchObject({ code: 0, stdout: expect.stringContaining(`resume requested for ${campaignId}`) });
    expect(await signals(f.client, workflowId)).toEqual(['pause', 'setLimits', 'resume']);
  });

  it('a read token reports status, list, verify and failures through the CLI once the campaign completes', async () => {
    const worker = await f.newWorker();
    await worker.runUntil(async () => {
      expect(await f.client.workflow.getHandle(workflowId).result()).toBe('COMPLETED');
    });

    const status = await cli(['campaign', 'status', campaignId], reader.token);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('state      COMPLETED   workflow COMPLETED');
    expect(status.stdout).toContain('60/60 simulations, 6/6 batches');
    expect(status.stdout).toContain('results    60 succeeded, 0 failed');
    expect(status.stdout).toContain('owner      team-a');

    const list = await cli(['campaign', 'list'], reader.token);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${campaignId} +COMPLETED +60 sims  \\S+  team-a$`, 'm'));

    const verify = await cli(['campaign', 'verify', campaignId, '--json'], reader.token);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toEqual({ campaignId, catalogRows: 60, distinctIndexes: 60, succeededRows: 60, mapsInStore: 60, checksumMatches: 60, mismatches: [] });
    const verifyText = await cli(['campaign', 'verify', campaignId], reader.token);
    expect(verifyText.stdout).toContain('dataset    60 maps in the Zarr store, 60 match their catalog checksum');

    expect(await cli(['campaign', 'failures', campaignId], reader.token)).toMatchObject({ code: 0, stdout: `${campaignId}: no failed simulations\n` });
    // Reads are not owner-scoped: team B reads team A's campaign.
    const asB = await cli(['campaign', 'status', campaignId, '--json'], teamB.token);
    expect(asB.code).toBe(0);
    expect(JSON.parse(asB.stdout)).toMatchObject({ campaignId, owner: 'team-a', state: 'COMPLETED', workflowStatus: 'COMPLETED', total: 60, succeeded: 60, batchesDone: 6 });
    // The read token steers nothing.
    const pause = await cli(['campaign', 'pause', campaignId], reader.token);
    expect(pause.code).toBe(5);
    expect(pause.stderr).toContain("token 'ml-reader' lacks the 'submit' scope");
  });

  it("each refinement's results reach the CLI through the API: text linking the dashboard's report and maps grid, and --json as the catalog has them", async () => {
    const seeded = await seedRefinement(f.servers, campaignId);
    const text = await cli(['campaign', 'status', campaignId], reader.token, { DASHBOARD_URL: 'https://synthflux.example.com/' });
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`refinement ${seeded.workflowId}: started `));
    expect(at).toBeGreaterThan(-1);
    expect(lines.slice(at + 1, at + 6)).toEqual([
      '           method    pix2pix, 412 training pairs, 300 steps in 41.3 s',
      `           measured  line-7 field verification (fv-${campaignId}), STAND-IN: generated, not field data; 128 maps held out from training`,
      '           gap check cnn AUC [95 % CI]      logistic AUC [95 % CI]  MMD p  TSTR depth  label preservation',
      '           raw       0.970 [0.951, 0.986]   0.912 [0.880, 0.940]    0.005  6.10        2.10 / 7.40',
      '           refined   0.610 [0.560, 0.660]   0.580 [0.530, 0.630]    0.310  4.20        2.10 / 2.30',
    ]);
    expect(lines).toContain('                     general                   120       400        0.950 → 0.620          6.10 → 4.10');
    expect(lines).toContain(`           report    https://synthflux.example.com/api/campaigns/${campaignId}/ml/${seeded.refinedJobId}/report.html`);
    expect(lines).toContain(`           maps grid https://synthflux.example.com/api/campaigns/${campaignId}/ml/${seeded.refinedJobId}/maps_grid.png`);
    expect(lines.some((l) => l.startsWith(`refinement ${seeded.olderWorkflowId}: started `))).toBe(true);
    expect(lines).toContain('           method    unknown method, training FAILED: ONNX export differs from PyTorch by 0.3 T on the probe maps');

    const json = await cli(['campaign', 'status', campaignId, '--json'], reader.token);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).refinements).toEqual(JSON.parse(JSON.stringify(await campaignRefinements(f.servers.prisma, campaignId))));
  });

  it('failures through the API: grouped by reason, and each with --all', async () => {
    const id = uniqueId('failing');
    await createSyntheticCampaign(api.pool, id);
    await api.pool.query(
      `INSERT INTO simulations (campaign_id, index, batch_index, content_hash, params, status, attempts, error, solve_ms, solver_stats)
       SELECT $1, i, i / 10, md5(i::text), '{}', 'FAILED', 3, CASE WHEN i % 3 = 0 THEN 'INVALID_ARGUMENT: liftOff out of range' ELSE 'NOT_CONVERGED: residual 2e-3' END, 1, '{}'
       FROM generate_series(0, 5) i`,
      [id],
    );
    const grouped = await cli(['campaign', 'failures', id, '--json'], reader.token);
    expect(JSON.parse(grouped.stdout)).toEqual([
      { reason: 'NOT_CONVERGED', count: 4, samples: ['NOT_CONVERGED: residual 2e-3', 'NOT_CONVERGED: residual 2e-3', 'NOT_CONVERGED: residual 2e-3'], indexes: [1, 2, 4, 5] },
      { reason: 'INVALID_ARGUMENT', count: 2, samples: ['INVALID_ARGUMENT: liftOff out of range', 'INVALID_ARGUMENT: liftOff out of range'], indexes: [0, 3] },
    ]);
    const each = await cli(['campaign', 'failures', id, '--all', '--limit', '4'], reader.token);
    expect(each.stdout.trimEnd().split('\n')).toEqual([
      '       0  batch     0  attempts 3  INVALID_ARGUMENT: liftOff out of range',
      '       1  batch     0  attempts 3  NOT_CONVERGED: residual 2e-3',
      '       2  batch     0  attempts 3  NOT_CONVERGED: residual 2e-3',
      '       3  batch     0  attempts 3  INVALID_ARGUMENT: liftOff out of range',
    ]);
    const missing = await cli(['campaign', 'failures', uniqueId('nope')], reader.token);
    expect(missing.code).toBe(3);
  });

  it('a wrong, missing or malformed token, or an unreachable API, is a clear error', async () => {
    const wrong = await cli(['campaign', 'status', campaignId], 'sfx_not-a-token');
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toContain(`the API at ${api.server.address} refused the token (invalid bearer token): set SYNTHFLUX_TOKEN`);
    const none = await cli(['campaign', 'list'], undefined);
    expect(none.code).toBe(5);
    expect(none.stderr).toContain(`SYNTHFLUX_API_ADDRESS is set (${api.server.address}) but there is no token: set SYNTHFLUX_TOKEN`);
    const bearer = await cli(['campaign', 'list'], `Bearer ${reader.token}`);
    expect(bearer).toMatchObject({ code: 5, stderr: expect.stringContaining('SYNTHFLUX_TOKEN contains whitespace') });
    const badAddress = await cli(['campaign', 'list'], reader.token, { SYNTHFLUX_API_ADDRESS: 'http://api:50070' });
    expect(badAddress).toMatchObject({ code: 1, stderr: expect.stringContaining('SYNTHFLUX_API_ADDRESS must be host:port') });
    const down = await cli(['campaign', 'list'], reader.token, { SYNTHFLUX_API_ADDRESS: '127.0.0.1:9' });
    expect(down).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot reach the API at 127.0.0.1:9 (SYNTHFLUX_API_ADDRESS)') });
  });

  it('without an API address the CLI reads the catalog directly, as before, and shows the owner', async () => {
    const { stdout } = await run(cliPath, ['campaign', 'list'], {
      env: { ...process.env, SYNTHFLUX_STACK_DIR: path.join(dir, 'no-stack'), SYNTHFLUX_API_ADDRESS: '', TEMPORAL_ADDRESS: f.servers.temporalAddress, DATABASE_URL: f.servers.databaseUrl },
    });
    expect(stdout).toMatch(new RegExp(`^${campaignId} +COMPLETED +60 sims  \\S+  team-a$`, 'm'));
  });
});
