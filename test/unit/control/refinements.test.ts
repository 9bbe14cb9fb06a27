// A campaign's refinements from its ml_jobs rows, and how `campaign status` prints them: rows as
// today's activities write them, rows from before methods and intervals, failed and malformed rows.

import { formatStatus, refinementLines } from '../../../services/cli/format';
import { refinementRuns } from '../../../services/control/refinements';
import type { CampaignStatus } from '../../../services/control/status';
import { CAMPAIGN, currentRows, oddRows, olderRows, rawSummary, refinedSummary, trained } from './refinement-fixture';

const WF = `refinement-${CAMPAIGN}`;

describe('refinements from the catalog', () => {
  it('groups a run by workflow id and reads every recorded figure', () => {
    const [run] = refinementRuns(currentRows);
    expect(run).toEqual({
      workflowId: WF,
      startedAt: '2026-12-02T10:10:00.000Z',
      method: 'pix2pix',
      realDataset: { id: 'real-fv7', name: 'line-7 field verification' },
      standIn: true,
      raw: {
        jobId: rawSummary.jobId,
        status: 'SUCCEEDED',
        auc: 0.97,
        detectionScore: 0.06,
        cnnAuc: 0.97,
        cnnAucCi95: [0.951, 0.986],
        logisticAuc: 0.912,
        logisticAucCi95: [0.88, 0.94],
        seeds: 3,
        mmdPValue: 0.005,
        depthMae: 6.1,
        labelPreservation: { realMae: 2.1, mapsMae: 7.4 },
        byClass: rawSummary.byClass,
        realCount: 128,
        sampled: 512,
        outputs: {
          'report.html': `campaigns/${CAMPAIGN}/ml/${rawSummary.jobId}/report.html`,
          'report.json': `campaigns/${CAMPAIGN}/ml/${rawSummary.jobId}/report.json`,
          'tsne.png': `campaigns/${CAMPAIGN}/ml/${rawSummary.jobId}/tsne.png`,
        },
      },
      refined: expect.objectContaining({ jobId: refinedSummary.jobId, cnnAuc: 0.61, cnnAucCi95: [0.56, 0.66], labelPreservation: { realMae: 2.1, mapsMae: 2.3 } }),
      training: { jobId: trained.jobId, status: 'SUCCEEDED', pairs: 412, steps: 300, trainSeconds: 41.25, onnxMaxAbsDiff: 2e-9 },
      refining: { jobId: `${WF}-refine`, status: 'SUCCEEDED', refinedBatches: 20, inferenceMs: 1234.5 },
    });
    expect(run!.refined!.outputs['maps_grid.png']).toBe(refinedSummary.mapsGridKey);
  });

  it('shows what older, failed and malformed rows hold, oldest run first, and leaves the rest out', () => {
    const runs = refinementRuns([...currentRows, ...oddRows, ...olderRows]);
    expect(runs.map((r) => r.workflowId)).toEqual([`${WF}-old`, `${WF}-check`, WF]);
    const [old, odd] = runs;
    // Its measured set's row is gone: the metrics still say it was a stand-in.
    expect(old).toEqual({
      workflowId: `${WF}-old`,
      startedAt: '2026-12-02T09:10:00.000Z',
      standIn: true,
      raw: expect.objectContaining({ auc: 0.99, cnnAuc: 0.99, logisticAuc: 0.95, mmdPValue: 0.005, sampled: 256 }),
      training: { jobId: `${WF}-old-train`, status: 'FAILED', error: 'ONNX export differs from PyTorch by 0.3 T on the probe maps' },
    });
    expect(old!.raw).not.toHaveProperty('cnnAucCi95');
    expect(old!.raw).not.toHaveProperty('byClass');
    expect(odd!.raw).toEqual({ jobId: `${WF}-check-gap-raw`, status: 'FAILED', error: 'campaign demo-1a2b has no finite signals maps to check (40 NaN rows)', outputs: {} });
    // A wrong type, a one-ended interval, a negative seed count and an unknown method are left out one by one.
    expect(odd!.refined).toEqual({ jobId: `${WF}-check-gap-refined`, status: 'RUNNING', outputs: {} });
    expect(odd).not.toHaveProperty('method');
  });
});

describe('campaign status text', () => {
  const base: CampaignStatus = {
    campaignId: CAMPAIGN,
    name: 'demo',
    state: 'COMPLETED',
    workflowId: `campaign-${CAMPAIGN}`,
    workflowStatus: 'COMPLETED',
    total: 2000,
    succeeded: 1990,
    failed: 10,
    cached: 0,
    coreHours: 0.125,
    batchesDone: 20,
    batchesTotal: 20,
    percent: 100,
    datasetUrl: `s3://synthflux/campaigns/${CAMPAIGN}/dataset.zarr`,
    createdAt: '2026-12-02T10:00:00.000Z',
    completedAt: '2026-12-02T10:05:00.000Z',
    owner: 'team-a',
  };
  const live = { workflowId: WF, status: 'COMPLETED', progress: { campaignId: CAMPAIGN, phase: 'done' as const, totalBatches: 20, refinedBatches: 20, batchesInFlight: 0 } };

  it('prints each refinement: method, measured set, both gap checks with intervals, classes, report and maps grid', () => {
    const s: CampaignStatus = { ...base, refinement: live, refinements: refinementRuns(currentRows) };
    expect(refinementLines(s, 'http://127.0.0.1:8090/')).toEqual([
      'refinement refinement-demo-1a2b: COMPLETED, done, 20/20 batches refined',
      '           method    pix2pix, 412 training pairs, 300 steps in 41.3 s',
      '           measured  line-7 field verification (real-fv7), STAND-IN: generated, not field data; 128 maps held out from training',
      '           gap check cnn AUC [95 % CI]      logistic AUC [95 % CI]  MMD p  TSTR depth  label preservation',
      '           raw       0.970 [0.951, 0.986]   0.912 [0.880, 0.940]    0.005  6.10        2.10 / 7.40',
      '           refined   0.610 [0.560, 0.660]   0.580 [0.530, 0.630]    0.310  4.20        2.10 / 2.30',
      '                     AUC: classifier telling measured from synthetic maps (0.5: indistinguishable), mean of 3 seeds; MMD p: two-sample test',
      '                     depth MAE in % of wall. TSTR: regressor trained on the checked maps, tested on measured ones; label preservation: trained on measured maps, tested on held-out measured / on the checked maps',
      '           by class  class                     measured  synthetic  cnn AUC raw → refined  TSTR depth raw → refined',
      '                     general                   40        200 / 198  0.950 → 0.620          6.10 → 4.10',
      '                     pinhole                   3         12         - → -                  - → -',
      '           report    http://127.0.0.1:8090/api/campaigns/demo-1a2b/ml/refinement-demo-1a2b-gap-refined/report.html',
      '           maps grid http://127.0.0.1:8090/api/campaigns/demo-1a2b/ml/refinement-demo-1a2b-gap-refined/maps_grid.png',
    ]);
    expect(refinementLines(s, 'https://ops.example.com/synthflux').at(-1)).toBe(
      '           maps grid https://ops.example.com/synthflux/api/campaigns/demo-1a2b/ml/refinement-demo-1a2b-gap-refined/maps_grid.png',
    );
    // Without a dashboard, the files are named in object storage (the dataset's bucket).
    expect(formatStatus(s, 'http://ui').split('\n').slice(-2)).toEqual([
      '           report    s3://synthflux/campaigns/demo-1a2b/ml/refinement-demo-1a2b-gap-refined/report.html',
      '           maps grid s3://synthflux/campaigns/demo-1a2b/ml/refinement-demo-1a2b-gap-refined/maps_grid.png',
    ]);
  });

  it('older and failed runs print what they hold; a workflow with no job yet prints its phase', () => {
    const s: CampaignStatus = {
      ...base,
      refinement: { ...live, status: 'RUNNING', progress: { ...live.progress, phase: 'resolving-data', totalBatches: 0, refinedBatches: 0 } },
      refinements: refinementRuns([...olderRows, ...oddRows]),
    };
    expect(refinementLines(s)).toEqual([
      'refinement refinement-demo-1a2b: RUNNING, resolving-data, 0/0 batches refined',
      'refinement refinement-demo-1a2b-old: started 2026-12-02T09:10:00.000Z',
      '           method    unknown method, training FAILED: ONNX export differs from PyTorch by 0.3 T on the probe maps',
      '           measured  its catalog row is gone, STAND-IN: generated, not field data',
      '           gap check cnn AUC [95 % CI]      logistic AUC [95 % CI]  MMD p  TSTR depth  label preservation',
      '           raw       0.990                  0.950                   0.005  -           -',
      '                     AUC: classifier telling measured from synthetic maps (0.5: indistinguishable); MMD p: two-sample test',
      '                     depth MAE in % of wall. TSTR: regressor trained on the checked maps, tested on measured ones; label preservation: trained on measured maps, tested on held-out measured / on the checked maps',
      '           report    s3://synthflux/campaigns/demo-1a2b/ml/refinement-demo-1a2b-old-gap-raw/report.html',
      'refinement refinement-demo-1a2b-check: started 2026-12-02T09:40:00.000Z',
      '           method    none (gap checks only)',
      '           measured  line-7 field verification (real-fv7), STAND-IN: generated, not field data',
      '           gap check cnn AUC [95 % CI]      logistic AUC [95 % CI]  MMD p  TSTR depth  label preservation',
      '           raw       FAILED: campaign demo-1a2b has no finite signals maps to check (40 NaN rows)',
      '           refined   RUNNING',
      '                     AUC: classifier telling measured from synthetic maps (0.5: indistinguishable); MMD p: two-sample test',
      '                     depth MAE in % of wall. TSTR: regressor trained on the checked maps, tested on measured ones; label preservation: trained on measured maps, tested on held-out measured / on the checked maps',
    ]);
    expect(refinementLines({ ...base, refinement: { workflowId: WF, status: 'NOT_STARTED' } })).toEqual(['refinement refinement-demo-1a2b: NOT_STARTED']);
    expect(refinementLines(base)).toEqual([]);
  });
});
