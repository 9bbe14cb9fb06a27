import { ApplicationFailure, continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
// Types only: workflow code never loads activity implementations.
import type { MlActivities } from '../services/ml/activities';
import { isPairedMethod, type RefinementCarry, type RefinementInput, type RefinementPhase, type RefinementProgress, type RefinementResult } from './refinement-types';

export const refinementProgressQuery = defineQuery<RefinementProgress>('refinementProgress');

/** Short steps: catalog lookups, array metadata, stand-in generation. */
const bookkeeping = proxyActivities<MlActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** Python jobs (gap checks, GAN training): long, heartbeating while the process runs, few attempts. */
const jobs = proxyActivities<MlActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** Refining one batch in a worker with onnxruntime-node. */
const refining = proxyActivities<MlActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// Start a fresh run after this many batches so no run's history grows with the campaign.
const BATCHES_PER_RUN = 500;
const DEFAULT_BATCHES_IN_FLIGHT = 4;

/**
 * After a campaign: gap check of the raw maps -> refiner training -> the ONNX refiner applied to
 * every batch (bounded fan-out of activities) -> gap check of the refined maps.
 */
export async function refinementWorkflow(input: RefinementInput, carry?: RefinementCarry): Promise<RefinementResult> {
  const options = input.options ?? {};
  const workflowId = workflowInfo().workflowId;
  const fieldVerifications = input.fieldVerifications;
  const method = input.method ?? (fieldVerifications ? 'pix2pix' : 'simgan');
  if (isPairedMethod(method) && !fieldVerifications) {
    throw ApplicationFailure.nonRetryable(`refinement method ${method} learns from field verification pairs; give fieldVerifications (a field verification campaign) or use simgan`, 'NoFieldVerifications');
  }
  const state: RefinementCarry = carry ?? { totalBatches: 0, nextBatch: 0, refinedBatches: 0, inferenceMs: 0 };
  const result: RefinementResult = { campaignId: input.campaignId, refinedBatches: 0, inferenceMs: 0 };
  let phase: RefinementPhase = carry ? 'refining' : 'resolving-data';
  let inFlight = 0;
  setHandler(refinementProgressQuery, () => ({
    campaignId: input.campaignId,
    phase,
    realDatasetId: state.realDatasetId,
    totalBatches: state.totalBatches,
    refinedBatches: state.refinedBatches,
    batchesInFlight: inFlight,
    raw: state.raw,
    refined: result.refined,
    refiner: state.refiner,
  }));
  if (!input.gapCheck && !input.refinement) return { ...result, refinedBatches: 0 };

  try {
    if (!carry) {
      // Field verifications bring their own measured maps; otherwise a measured set is resolved.
      if (!fieldVerifications) {
        const real = await bookkeeping.mlResolveRealDataset({ campaignId: input.campaignId, realDatasetId: input.realDatasetId, standInCount: options.standInCount, seed: options.seed });
        state.realDatasetId = real.realDatasetId;
      }
      const measured = { realDatasetId: state.realDatasetId, fieldVerifications };
      if (input.gapCheck) {
        phase = 'gap-check-raw';
        state.raw = await jobs.mlGapCheck({ campaignId: input.campaignId, workflowId, stage: 'raw', ...measured, options });
      }
      if (input.refinement) {
        phase = 'training';
        state.refiner = await jobs.mlTrainRefiner({ campaignId: input.campaignId, workflowId, method, ...measured, options });
        const prepared = await bookkeeping.mlPrepareRefinement({ campaignId: input.campaignId, workflowId, modelKey: state.refiner.modelKey });
        state.totalBatches = prepared.totalBatches;
      }
    }
    if (input.refinement && state.refiner) {
      phase = 'refining';
      const refiner = state.refiner;
      const firstOfRun = state.nextBatch;
      const lane = async (): Promise<void> => {
        while (state.nextBatch < state.totalBatches && !timeToContinue(firstOfRun, state.nextBatch)) {
          const batchIndex = state.nextBatch++;
          inFlight++;
          try {
            const out = await refining.mlRefineBatch({ campaignId: input.campaignId, batchIndex, modelKey: refiner.modelKey, seed: options.seed ?? 0 });
            state.refinedBatches++;
            state.inferenceMs += out.inferenceMs;
          } finally {
            inFlight--;
          }
        }
      };
      const lanes = Math.max(1, Math.min(options.maxBatchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT, state.totalBatches));
      await Promise.all(Array.from({ length: lanes }, lane));
      if (state.nextBatch < state.totalBatches) await continueAsNew<typeof refinementWorkflow>(input, state);
      await bookkeeping.mlFinishRefinement({ campaignId: input.campaignId, workflowId, modelKey: refiner.modelKey, refinedBatches: state.refinedBatches, inferenceMs: state.inferenceMs });
      if (input.gapCheck && (state.realDatasetId || fieldVerifications)) {
        phase = 'gap-check-refined';
        result.refined = await jobs.mlGapCheck({
          campaignId: input.campaignId,
          workflowId,
          stage: 'refined',
          realDatasetId: state.realDatasetId,
          fieldVerifications,
          method,
          modelKey: refiner.modelKey,
          options,
        });
      }
    }
  } catch (err) {
    phase = 'failed';
    throw err;
  }
  phase = 'done';
  return { ...result, realDatasetId: state.realDatasetId, raw: state.raw, refiner: state.refiner, refinedBatches: state.refinedBatches, inferenceMs: state.inferenceMs };
}

function timeToContinue(firstOfRun: number, next: number): boolean {
  return next - firstOfRun >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested;
}
