import type { GapCheckInput, RefineBatchInput, TrainRefinerInput } from '../../../workflows/refinement-types';
import type { MlDeps } from './context';
import { gapCheck } from './gap-check';
import { finishRefinement, prepareRefinement, refineBatch } from './refine';
import { resolveRealDataset } from './real-data';
import { trainRefiner } from './train';

export type { MlDeps } from './context';

/** The refinement workflow's activities, bound to their dependencies. */
export function createMlActivities(deps: MlDeps) {
  return {
    mlResolveRealDataset: (input: Parameters<typeof resolveRealDataset>[1]) => resolveRealDataset(deps, input),
    mlGapCheck: (input: GapCheckInput) => gapCheck(deps, input),
    mlTrainRefiner: (input: TrainRefinerInput) => trainRefiner(deps, input),
    mlPrepareRefinement: (input: Parameters<typeof prepareRefinement>[1]) => prepareRefinement(deps, input),
    mlRefineBatch: (input: RefineBatchInput) => refineBatch(deps, input),
    mlFinishRefinement: (input: Parameters<typeof finishRefinement>[1]) => finishRefinement(deps, input),
  };
}

export type MlActivities = ReturnType<typeof createMlActivities>;
