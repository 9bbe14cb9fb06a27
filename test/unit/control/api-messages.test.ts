// The Control API's read messages carry what services/control computes, through real protobuf
// encoding (the service definition's own serializers): the CLI shows the same through the API.

import { classLine, formatStatus } from '../../../services/cli/format';
import { fromFailuresMessage, fromStatusMessage, fromVerificationMessage, toFailuresMessage, toStatusMessage, toVerificationMessage } from '../../../services/control/api-messages';
import type { CampaignFailures } from '../../../services/control/failures';
import { refinementRuns } from '../../../services/control/refinements';
import { steeringRefusal } from '../../../services/control/ownership';
import type { CampaignStatus } from '../../../services/control/status';
import type { DatasetVerification } from '../../../services/control/verify';
import { loadControlProto } from '../../../proto/load';
import { currentRows, oddRows, olderRows } from './refinement-fixture';

const service = loadControlProto().synthflux.control.v1.Control.service;
/** Encodes a response as the server does and decodes it as a client does. */
const wire = <T>(method: 'GetCampaignStatus' | 'VerifyDataset' | 'ListFailures', message: object): T => {
  const def = service[method] as unknown as { responseSerialize(m: object): Buffer; responseDeserialize(b: Buffer): T };
  return def.responseDeserialize(def.responseSerialize(message));
};

const finished: CampaignStatus = {
  campaignId: 'demo-1a2b',
  name: 'demo',
  state: 'FAILED',
  workflowId: 'campaign-demo-1a2b',
  workflowStatus: 'FAILED',
  total: 2000,
  succeeded: 1990,
  failed: 10,
  cached: 40,
  coreHours: 0.125,
  batchesDone: 20,
  batchesTotal: 20,
  percent: 100,
  datasetUrl: 's3://synthflux/campaigns/demo-1a2b/dataset.zarr',
  createdAt: '2026-12-02T10:00:00.000Z',
  completedAt: '2026-12-02T10:05:00.000Z',
  owner: 'team-a',
  failure: { type: 'BatchRefused', message: 'INVALID_ARGUMENT: batch of 5000 over the limit 1000' },
};

describe('Control API read messages', () => {
  it('a finished campaign status survives the wire unchanged', () => {
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(finished)))).toEqual(finished);
  });

  it('the class mix and quotas survive the wire, in order, and print as one line', () => {
    const withClasses: CampaignStatus = {
      ...finished,
      defectClasses: { general: 1196, pitting: 804, unknown: 0 },
      defectClassQuotas: { general: 0.6, pitting: 0.4 },
    };
    const back = fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(withClasses)));
    expect(back).toEqual(withClasses);
    expect(Object.keys(back.defectClasses!)).toEqual(['general', 'pitting', 'unknown']);
    expect(classLine(withClasses)).toBe('classes    general 1196 59.8 % (quota 60 %), pitting 804 40.2 % (quota 40 %), unknown 0 0.0 %');
    expect(classLine({ defectClassQuotas: { pinhole: 1 } })).toBe('classes    pinhole 0 (quota 100 %)');
    expect(formatStatus(withClasses, 'http://ui').split('\n')[4]).toBe(classLine(withClasses));
    expect(formatStatus(finished, 'http://ui')).not.toContain('classes');
  });

  it('a verification sample survives the wire, with and without figures', () => {
    const verification = {
      fraction: 0.01,
      pool: 'getdp',
      mesh: 'fine',
      workflowId: 'verification-demo-1a2b',
      workflowStatus: 'RUNNING',
      sampled: 20,
      succeeded: 12,
      failed: 1,
      pending: 7,
      bzPeakToPeakAbsDiffPercent: { median: 0.8, max: 2.5 },
      bxPeakAbsDiffPercent: { median: 1.5, max: 4.25 },
      minCorrelation: 0.9987,
      referenceSolvers: ['getdp-reference 0.1.0'],
      topFailure: { error: 'REFERENCE_FAILED', count: 1 },
    };
    const withFigures: CampaignStatus = { ...finished, verification };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(withFigures)))).toEqual(withFigures);
    const noneYet: CampaignStatus = {
      ...finished,
      verification: { ...verification, succeeded: 0, failed: 0, pending: 20, bzPeakToPeakAbsDiffPercent: null, bxPeakAbsDiffPercent: null, minCorrelation: null, referenceSolvers: [], topFailure: null },
    };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(noneYet)))).toEqual(noneYet);
  });

  it('a running campaign keeps its progress; an unknown ETA stays unknown; a failure without a type has none', () => {
    const running: CampaignStatus = {
      ...finished,
      state: 'RUNNING',
      workflowStatus: 'RUNNING',
      completedAt: null,
      failure: { message: 'x' },
      progress: {
        campaignId: finished.campaignId,
        totalSimulations: 2000,
        totalBatches: 20,
        completedBatches: 4,
        succeeded: 400,
        failed: 0,
        shardsInFlight: 2,
        paused: true,
        limits: { maxShardsInFlight: 2, maxBatchesInFlight: 4 },
        ratePerSecond: 12.5,
        etaSeconds: null,
        phase: 'solving',
      },
    };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(running)))).toEqual(running);
    const withEta = { ...running, progress: { ...running.progress!, etaSeconds: 128 } };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(withEta))).progress?.etaSeconds).toBe(128);
  });

  it('refinement: not started, and with both gap checks', () => {
    const notStarted = { ...finished, refinement: { workflowId: 'refinement-demo-1a2b', status: 'NOT_STARTED' } };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(notStarted)))).toEqual(notStarted);
    const gap = (auc: number) => ({ jobId: `job-${auc}`, auc, standIn: true, reportKey: `ml/${auc}/report.json` });
    const progress = { phase: 'done', totalBatches: 20, refinedBatches: 20, batchesInFlight: 0, raw: gap(0.97), refined: gap(0.61) };
    const refined = { ...finished, refinement: { workflowId: 'refinement-demo-1a2b', status: 'COMPLETED', progress } };
    expect(fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(refined)))).toEqual(refined);
  });

  it("each refinement's results survive the wire: today's rows, older rows and malformed ones", () => {
    const refinements = refinementRuns([...currentRows, ...olderRows, ...oddRows]);
    const withRuns: CampaignStatus = { ...finished, refinements };
    const back = fromStatusMessage(wire('GetCampaignStatus', toStatusMessage(withRuns)));
    expect(back).toEqual(withRuns);
    // What is absent stays absent (no zeros or empty strings stand in for it), as `--json` prints it.
    expect(JSON.parse(JSON.stringify(back))).toStrictEqual(JSON.parse(JSON.stringify(withRuns)));
    expect(back.refinements!.map((r) => r.workflowId)).toEqual(refinements.map((r) => r.workflowId));
    expect(back.refinements![2]!.refined!.byClass![1]).toEqual({ defectClass: 'pinhole', real: 3, synthetic: 12, cnnAuc: null, depthMae: null });
  });

  it('a verification says whether the dataset matches the catalog', () => {
    const good: DatasetVerification = { campaignId: 'c', catalogRows: 100, distinctIndexes: 100, succeededRows: 98, mapsInStore: 98, checksumMatches: 98, mismatches: [] };
    const bad: DatasetVerification = { ...good, checksumMatches: 96, mismatches: [3, 70] };
    expect(wire<{ matches: boolean }>('VerifyDataset', toVerificationMessage(good)).matches).toBe(true);
    expect(wire<{ matches: boolean }>('VerifyDataset', toVerificationMessage(bad)).matches).toBe(false);
    expect(fromVerificationMessage(wire('VerifyDataset', toVerificationMessage(bad)))).toEqual(bad);
  });

  it('failures: groups and listed simulations, a missing error stays missing', () => {
    const failures: CampaignFailures = {
      campaignId: 'c',
      groups: [{ reason: 'NOT_CONVERGED', count: 2, samples: ['NOT_CONVERGED: residual 1e-3'], indexes: [4, 9] }],
      simulations: [
        { index: 4, batchIndex: 0, attempts: 3, error: 'NOT_CONVERGED: residual 1e-3' },
        { index: 9, batchIndex: 0, attempts: 1, error: null },
      ],
    };
    expect(fromFailuresMessage(wire('ListFailures', toFailuresMessage(failures)))).toEqual(failures);
  });
});

describe('who may steer a campaign', () => {
  const campaign = { id: 'demo-1a2b', owner: 'team-a' };
  it('its owner and any admin; another submitter is refused with the owner rule', () => {
    expect(steeringRefusal(campaign, { name: 'team-a', admin: false })).toBeUndefined();
    expect(steeringRefusal(campaign, { name: 'ops', admin: true })).toBeUndefined();
    expect(steeringRefusal(campaign, { name: 'team-b', admin: false })).toBe(
      "campaign 'demo-1a2b' belongs to 'team-a': a submit-scope token steers only the campaigns it submitted ('team-b' did not submit it); an admin token steers any",
    );
  });
});
