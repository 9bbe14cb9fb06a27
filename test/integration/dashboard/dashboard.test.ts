// Ops view of a real running campaign: headless Chromium (playwright-core, Debian's /usr/bin/chromium)
// drives the dashboard while the campaign runs, and the worker, solver and API /metrics endpoints are
// scraped over HTTP and parsed as Prometheus text. Screenshots go to test-output/screenshots.

import fs from 'node:fs';
import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatStatus } from '../../../services/cli/format';
import { campaignStatus } from '../../../services/control/status';
import { submitCampaign } from '../../../services/control/submit';
import { poll } from '../harness';
import { createCampaignFixture, testSpec, type CampaignFixture } from '../campaign/fixtures';
import { createOpsFixture, type OpsFixture } from './ops-fixture';
import { seedRefinement } from './refinement-seed';

const SHOTS = path.join(__dirname, '..', '..', '..', 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The machine notes' flags: no sandbox as root, and no background traffic to a closed network.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** In the page: an image's width once it decoded (fails when it does not). */
const decodedWidth = async (img: HTMLImageElement): Promise<number> => {
  await img.decode();
  return img.naturalWidth;
};

async function scrape(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusTextFormat(await res.text());
}

describe('ops dashboard and metrics on a running campaign', () => {
  let f: CampaignFixture;
  let ops: OpsFixture;
  let browser: Browser;
  /** The campaign the first test ran; the refinement test adds results to it. */
  let ranCampaignId: string | undefined;
  const signIn = async (page: Page): Promise<void> => {
    await page.goto(ops.dashboard.url);
    await page.fill('input[name=token]', ops.token);
    await Promise.all([page.waitForURL(ops.dashboard.url), page.click('button[type=submit]')]);
  };
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    f = await createCampaignFixture();
    ops = await createOpsFixture(f, { batchDelayMs: 400, failEvery: 17 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await ops?.close();
    await f?.close();
  });

  it('shows live progress, a campaign page and signal maps; metrics parse', async () => {
    const seed = Date.now() % 1_000_000; // fresh parameters: no simulation is reused from the catalog
    const spec = testSpec('ops-dash', `count: 200\nseed: ${seed}\nsampler: sobol\nsolver: { model: dipole, sensorGrid: { axialCount: 24, circumferentialCount: 16 } }\nbatchSize: 10\nshardSize: 10\nlimits: { maxShardsInFlight: 1, maxBatchesInFlight: 1 }\n`);
    const control = { prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket };
    await ops.worker.runUntil(async () => {
      const { campaignId, workflowId } = await submitCampaign(control, spec);
      ranCampaignId = campaignId;
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

      // Unauthenticated API calls are refused; the login form sets the session cookie.
      expect((await fetch(`${ops.dashboard.url}api/campaigns`)).status).toBe(401);
      await signIn(page);

      // Live updates: the row's done count changes without a reload.
      const done = page.locator(`tr[data-campaign="${campaignId}"] [data-testid=done]`);
      await done.waitFor({ timeout: 30_000 });
      const first = await done.textContent();
      await poll({ label: 'progress to change in the page', timeoutMs: 60_000, shouldStop: async () => (await done.textContent()) !== first });
      await page.screenshot({ path: path.join(SHOTS, 'campaigns.png'), fullPage: true });

      await page.click(`a[href="#/c/${campaignId}"]`);
      await page.locator('[data-testid=campaign-page]').waitFor();
      await page.locator('[data-testid=pool]').waitFor();
      expect(await page.locator(`a[href*="${encodeURIComponent(workflowId)}"]`).count()).toBeGreaterThan(0);
      await poll({ label: 'failures to show', timeoutMs: 60_000, shouldStop: async () => (await page.getByText('NOT_CONVERGED').count()) > 0 });
      const openMap = page.locator('[data-testid=open-map]').first();
      // Stored simulations are classified: the class mix lists them with their share.
      const classRows = page.locator('[data-testid=class-mix] tbody tr');
      expect(await classRows.count()).toBeGreaterThan(0);
      expect(await classRows.first().textContent()).toMatch(/^(general|pitting|axial grooving|circumferential grooving|pinhole|axial slotting|circumferential slotting)\d+\d+\.\d %$/);
      const mapIndex = Number(/#(\d+)/.exec((await openMap.textContent()) ?? '')?.[1]);
      await openMap.click();
      await page.locator('[data-testid=heatmap] canvas').nth(2).waitFor();

      // The map panel says what it shows: parameters by name, rounded, with units; the sensor grid
      // in mm; a colour bar in mT beside each signal heatmap; channels named with their unit.
      const param = (key: string) => page.locator(`[data-testid=param-table] tr[data-param=${key}]`);
      expect(await param('defectWidthMm').locator('th').textContent()).toBe('Defect width');
      expect(await param('defectWidthMm').locator('td').first().textContent()).toMatch(/^\d+\.\d$/);
      expect(await param('defectWidthMm').locator('td').last().textContent()).toBe('mm');
      expect(await param('backgroundFieldKAPerM').locator('td').last().textContent()).toBe('kA/m');
      expect(await param('defectDepthPercent').locator('td').last().textContent()).toBe('% of wall');
      expect(await param('side').locator('td').first().textContent()).toMatch(/^(near|far) side/);
      expect(await page.locator('[data-testid=sensor-grid]').textContent()).toContain('24 × 16 sensors (axial × circumferential) at 2 × 4 mm pitch, 2 mm lift-off');
      const heatmaps = page.locator('[data-testid=heatmap]');
      expect(await heatmaps.locator('[data-testid=colour-bar]').count()).toBe(await heatmaps.count());
      expect(await heatmaps.first().locator('[data-testid=colour-bar]').textContent()).toContain('mT');
      expect(await heatmaps.first().locator('[data-testid=colour-tick]').count()).toBeGreaterThan(0);
      // Beside the signal maps, the defect's depth map: a heatmap in mm on the same axes, with its colour bar.
      const depthMap = page.locator('[data-testid=depth-map]');
      expect(await depthMap.count()).toBe(1);
      expect(await depthMap.locator('canvas').getAttribute('aria-label')).toBe(`depth (mm, mean per sensor cell) #${mapIndex}`);
      expect(await depthMap.locator('[data-testid=colour-bar]').textContent()).toContain('mm');
      expect(await depthMap.locator('[data-testid=colour-tick]').count()).toBeGreaterThan(1);
      expect(Number(await depthMap.locator('[data-testid=colour-max]').textContent())).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=heatmap] canvas').first().getAttribute('aria-label')).toMatch(/^Bx \(axial, mT\) raw #/);
      // The axes' ticks are drawn on the canvas: check what the page drew them from.
      const maps = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/campaigns/${encodeURIComponent(campaignId)}/maps/${mapIndex}`);
      expect(maps.axes.axial.positionsMm).toHaveLength(24);
      expect([maps.axes.axial.positionsMm[0], maps.axes.axial.positionsMm[23]]).toEqual([-23, 23]);
      expect([maps.axes.circumferential.positionsMm[0], maps.axes.circumferential.positionsMm[15]]).toEqual([-30, 30]);
      expect(maps.axes.axial.ticks.map((t: { value: number }) => t.value)).toEqual([-20, -10, 0, 10, 20]);
      expect(maps.colourBars.raw).toHaveLength(3);
      expect(maps.colourBars.raw[2].max).toBeGreaterThan(0);
      // The depth map is read from the dataset's defects array: one value per sensor cell, in mm,
      // drawn on the signal maps' axes (the heatmap takes `axes` for every panel).
      expect(maps.depth.values).toHaveLength(24 * 16);
      expect(maps.depth.colourBar).toMatchObject({ scale: 'sequential', unit: 'mm', min: 0 });
      expect(Math.max(...(maps.depth.values as number[]))).toBe(maps.depth.colourBar.max);
      expect(maps.depth.colourBar.ticks.length).toBeGreaterThan(1);
      await page.waitForTimeout(300); // let Chart.js finish its first paint
      await page.screenshot({ path: path.join(SHOTS, 'campaign.png'), fullPage: true });

      // Metrics while the campaign runs.
      const worker = await scrape(ops.metricsUrls.worker);
      const names = worker.map((m) => m.name);
      expect(names).toEqual(expect.arrayContaining(['synthflux_simulations_total', 'synthflux_batch_duration_seconds', 'synthflux_simulation_solve_seconds', 'synthflux_solver_pool_size', 'synthflux_solver_pool_in_flight']));
      const sims = worker.find((m) => m.name === 'synthflux_simulations_total')!;
      expect(sims.metrics.some((m) => m.labels?.reason === 'NOT_CONVERGED' && Number(m.value) > 0)).toBe(true);
      expect(worker.find((m) => m.name === 'synthflux_solver_pool_size')!.metrics[0]!.value).toBe('1');
      // This parser keeps a histogram's buckets only; the +Inf bucket is the count.
      expect(Number(worker.find((m) => m.name === 'synthflux_batch_duration_seconds')!.metrics[0]!.buckets?.['+Inf'])).toBeGreaterThan(0);
      const solver = await scrape(ops.metricsUrls.solver);
      const requests = solver.find((m) => m.name === 'synthflux_solver_requests_total')!;
      expect(requests.metrics.some((m) => m.labels?.code === 'OK' && Number(m.value) > 0)).toBe(true);
      expect(solver.find((m) => m.name === 'synthflux_solver_request_seconds')!.type).toBe('HISTOGRAM');
      const api = await scrape(ops.metricsUrls.api);
      expect(Number(api.find((m) => m.name === 'synthflux_backlog_batches')!.metrics[0]!.value)).toBeGreaterThanOrEqual(0);
      await page.close();
      // Cancelled and finished while the worker runs, so the next test reads its status without one.
      const handle = f.client.workflow.getHandle(workflowId);
      await handle.cancel();
      await handle.result().catch(() => undefined);
    });
  });

  it('shows each refinement: method, measured set, gap checks with intervals, classes, maps grid and report; status prints them', async () => {
    const campaignId = ranCampaignId!;
    expect(campaignId).toBeDefined();
    const seeded = await seedRefinement(f.servers, campaignId);

    // `campaign status` (catalog and Temporal directly): each run from the catalog, linked to the dashboard.
    const status = await campaignStatus({ prisma: f.servers.prisma, temporal: f.client }, campaignId);
    expect(status.refinements!.map((r) => r.workflowId)).toEqual([seeded.workflowId, seeded.olderWorkflowId]);
    const text = formatStatus(status, 'http://ui', { dashboardUrl: ops.dashboard.url });
    expect(text).toContain(`refinement ${seeded.workflowId}: started `);
    expect(text).toContain('           method    pix2pix, 412 training pairs, 300 steps in 41.3 s');
    expect(text).toContain(`           measured  line-7 field verification (fv-${campaignId}), STAND-IN: generated, not field data; 128 maps held out from training`);
    expect(text).toContain('           refined   0.610 [0.560, 0.660]   0.580 [0.530, 0.630]    0.310  4.20        2.10 / 2.30');
    expect(text).toContain(`           maps grid ${ops.dashboard.url}api/campaigns/${campaignId}/ml/${seeded.refinedJobId}/maps_grid.png`);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page);
    await page.goto(`${ops.dashboard.url}#/c/${campaignId}`);
    const run = page.locator(`[data-testid=refinement][data-workflow="${seeded.workflowId}"]`);
    await run.waitFor({ timeout: 30_000 });
    expect(await run.locator('[data-testid=refinement-method]').textContent()).toBe('pix2pix, 412 training pairs, 300 steps in 41.3 s');
    expect(await run.locator('[data-testid=stand-in]').textContent()).toBe('STAND-IN: generated, not field data');
    const cell = (stage: string, id: string) => run.locator(`[data-testid=gap-table] tr[data-stage=${stage}] [data-testid=${id}]`).textContent();
    expect(await cell('raw', 'cnn-auc')).toBe('0.970 [0.951, 0.986]');
    expect(await cell('raw', 'logistic-auc')).toBe('0.912 [0.880, 0.940]');
    expect(await cell('refined', 'cnn-auc')).toBe('0.610 [0.560, 0.660]');
    expect(await cell('refined', 'mmd-p')).toBe('0.310');
    expect(await cell('refined', 'depth-mae')).toBe('4.20');
    expect(await cell('refined', 'label-preservation')).toBe('2.10 / 2.30');
    const classRows = run.locator('[data-testid=class-table] tbody tr');
    expect(await classRows.count()).toBe(2);
    expect(await run.locator('[data-testid=class-table] tr[data-class=general] td').allTextContents()).toEqual(['general', '120', '400', '0.950 → 0.620', '6.10 → 4.10']);
    expect(await run.locator('[data-testid=class-table] tr[data-class=axial-grooving] td').allTextContents()).toEqual(['axial grooving', '8', '112', '- → -', '- → -']);
    // The maps grid and both t-SNE plots come from object storage through the dashboard and decode.
    for (const id of ['maps-grid', 'tsne-raw', 'tsne-refined']) {
      expect(await run.locator(`[data-testid=${id}] img`).evaluate(decodedWidth)).toBe(2);
    }

    // The report: served as HTML under a policy that runs no script; its relative t-SNE link resolves to the same job's file.
    const report = await run.locator('[data-testid=report-link]').getAttribute('href');
    expect(report).toBe(`/api/campaigns/${campaignId}/ml/${seeded.refinedJobId}/report.html`);
    const answer = (url: string) => page.evaluate(async (u) => {
      const res = await fetch(u);
      return { status: res.status, type: res.headers.get('content-type'), policy: res.headers.get('content-security-policy') };
    }, url);
    expect(await answer(report!)).toEqual({ status: 200, type: 'text/html; charset=utf-8', policy: "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'" });
    // Only names a job of this campaign recorded: another campaign, another job's file, a model file are refused.
    expect((await answer(`/api/campaigns/other-${campaignId}/ml/${seeded.refinedJobId}/report.html`)).status).toBe(404);
    expect((await answer(`/api/campaigns/${campaignId}/ml/${seeded.trainJobId}/report.html`)).status).toBe(404);
    expect((await answer(`/api/campaigns/${campaignId}/ml/${seeded.trainJobId}/refiner.onnx`)).status).toBe(404);
    expect((await answer(`/api/campaigns/${campaignId}/ml/${seeded.rawJobId}/maps_grid.png`)).status).toBe(404);

    // A run written before methods, intervals and classes shows what it has.
    const older = page.locator(`[data-testid=refinement][data-workflow="${seeded.olderWorkflowId}"]`);
    expect(await older.locator('[data-testid=refinement-method]').textContent()).toBe('unknown method, training FAILED: ONNX export differs from PyTorch by 0.3 T on the probe maps');
    expect(await older.locator('[data-testid=gap-table] tr[data-stage=raw] [data-testid=cnn-auc]').textContent()).toBe('0.990');
    expect(await older.locator('[data-testid=gap-table] tr[data-stage=raw] [data-testid=label-preservation]').textContent()).toBe('-');
    expect(await older.locator('[data-testid=class-table]').count()).toBe(0);
    expect(await older.locator('[data-testid=maps-grid]').count()).toBe(0);
    await run.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'refinements.png'), fullPage: true });

    await page.goto(`${ops.dashboard.url}${report!.slice(1)}`);
    expect(await page.locator('img').evaluate(decodedWidth)).toBe(2);
    expect(await page.title()).toBe('');
    await page.close();
  });
});
