// Payloads of the refinement workflow and its activities: ids, object keys and a few numbers.
// Maps, samples and models travel through object storage, never through Temporal.

export const refinementWorkflowId = (campaignId: string): string => `refinement-${campaignId}`;

export interface RefinementInput {
  campaignId: string;
  gapCheck: boolean;
  refinement: boolean;
  realDatasetId?: string;
  /** Sizes for tests and benchmarks; production uses the defaults. */
  options?: RefinementOptions;
}

export interface RefinementOptions {
  /** Synthetic maps sampled for gap checks and training (default 512). */
  sampleSize?: number;
  /** Maps in a generated stand-in measured set when the campaign has none (default 256). */
  standInCount?: number;
  trainSteps?: number;
  cnnEpochs?: number;
  folds?: number;
  permutations?: number;
  maxBatchesInFlight?: number;
  seed?: number;
}

export type GapStage = 'raw' | 'refined';

export interface GapCheckInput {
  campaignId: string;
  workflowId: string;
  stage: GapStage;
  realDatasetId: string;
  options: RefinementOptions;
}

export interface GapSummary {
  jobId: string;
  stage: GapStage;
  /** The stronger classifier's out-of-fold AUC, real vs synthetic. */
  auc: number;
  detectionScore: number;
  logisticAuc: number;
  cnnAuc: number;
  mmdPValue: number;
  depthMae?: number;
  reportKey: string;
  htmlKey: string;
  standIn: boolean;
}

export interface TrainRefinerInput {
  campaignId: string;
  workflowId: string;
  realDatasetId: string;
  options: RefinementOptions;
}

export interface TrainedRefiner {
  jobId: string;
  modelKey: string;
  curvesKey: string;
  trainSeconds: number;
  secondsPerStep: number;
  steps: number;
  /** Max |onnxruntime-node - PyTorch| on the job's probe maps, tesla. */
  onnxMaxAbsDiff: number;
}

export interface RefineBatchInput {
  campaignId: string;
  batchIndex: number;
  modelKey: string;
  seed: number;
}

export interface RefineBatchOutput {
  batchIndex: number;
  refined: number;
  failedRows: number;
  inferenceMs: number;
}

export type RefinementPhase = 'resolving-data' | 'gap-check-raw' | 'training' | 'refining' | 'gap-check-refined' | 'done' | 'failed';

export interface RefinementProgress {
  campaignId: string;
  phase: RefinementPhase;
  realDatasetId?: string;
  totalBatches: number;
  refinedBatches: number;
  batchesInFlight: number;
  raw?: GapSummary;
  refined?: GapSummary;
  refiner?: TrainedRefiner;
}

/** Carried across continue-as-new while refining a long campaign's batches. */
export interface RefinementCarry {
  realDatasetId?: string;
  raw?: GapSummary;
  refiner?: TrainedRefiner;
  totalBatches: number;
  nextBatch: number;
  refinedBatches: number;
  inferenceMs: number;
}

export interface RefinementResult {
  campaignId: string;
  realDatasetId?: string;
  raw?: GapSummary;
  refined?: GapSummary;
  refiner?: TrainedRefiner;
  refinedBatches: number;
  inferenceMs: number;
}
