// Payloads of the refinement workflow and its activities: ids, object keys and a few numbers.
// Maps, samples and models travel through object storage, never through Temporal.

export const refinementWorkflowId = (campaignId: string): string => `refinement-${campaignId}`;

/**
 * How synthetic maps are refined. SimGAN learns from unpaired sets (a campaign sample and measured
 * maps); pix2pix (a conditional GAN) and the multichannel autoencoder learn from field verifications:
 * (simulated, measured) pairs of the same defects.
 */
export const REFINEMENT_METHODS = ['simgan', 'pix2pix', 'autoencoder'] as const;
export type RefinementMethod = (typeof REFINEMENT_METHODS)[number];
export const PAIRED_METHODS: readonly RefinementMethod[] = ['pix2pix', 'autoencoder'];
export const isPairedMethod = (m: RefinementMethod): boolean => PAIRED_METHODS.includes(m);

export interface RefinementInput {
  campaignId: string;
  gapCheck: boolean;
  refinement: boolean;
  realDatasetId?: string;
  /** Default: pix2pix when `fieldVerifications` is given, SimGAN otherwise. */
  method?: RefinementMethod;
  /** A field verification campaign (scan.fieldVerifications): its pairs train a paired refiner, its held-out defects are what the gap checks test on. */
  fieldVerifications?: string;
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

/**
 * A gap check compares measured maps with synthetic ones. With a field verification set, the
 * measured maps are its held-out defects and the synthetic ones the same defects' simulations
 * (raw) or those passed through the refiner `modelKey` (refined); else a measured set and a sample
 * of the campaign's signals or refined arrays.
 */
export interface GapCheckInput {
  campaignId: string;
  workflowId: string;
  stage: GapStage;
  realDatasetId?: string;
  fieldVerifications?: string;
  method?: RefinementMethod;
  modelKey?: string;
  options: RefinementOptions;
}

/** A gap check restricted to one probability-of-detection (POF) defect class. */
export interface ClassGap {
  defectClass: string;
  real: number;
  synthetic: number;
  cnnAuc: number | null;
  depthMae: number | null;
}

export interface GapSummary {
  jobId: string;
  stage: GapStage;
  /** The refinement method whose maps were checked (refined stage only). */
  method?: RefinementMethod;
  /** The stronger classifier's out-of-fold AUC, real vs synthetic (mean over the classifier seeds). */
  auc: number;
  detectionScore: number;
  logisticAuc: number;
  cnnAuc: number;
  /** 95 % intervals (bootstrap over maps, pooled over seeds). */
  logisticAucCi95?: [number, number];
  cnnAucCi95?: [number, number];
  /** Classifier seeds the AUCs average over. */
  seeds?: number;
  mmdPValue: number;
  /** Train on synthetic, test on real: depth error (% of wall). */
  depthMae?: number;
  /** A depth regressor trained on real maps: its error on held-out real maps and on the checked maps. */
  labelPreservation?: { realMae: number; mapsMae: number };
  byClass?: ClassGap[];
  /** Measured maps in the check, all held out from every training step. */
  realCount?: number;
  reportKey: string;
  htmlKey: string;
  /** PNG: raw / refined / measured maps of the same defects (field verification sets only). */
  mapsGridKey?: string;
  standIn: boolean;
}

export interface TrainRefinerInput {
  campaignId: string;
  workflowId: string;
  method: RefinementMethod;
  /** Paired methods: the pairs of its train defects. SimGAN: its train defects' measured maps, else the measured set. */
  fieldVerifications?: string;
  realDatasetId?: string;
  options: RefinementOptions;
}

export interface TrainedRefiner {
  jobId: string;
  method: RefinementMethod;
  /** Training pairs (paired methods). */
  pairs?: number;
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
