import type { PointSamplerKind } from '../types';

/** Point `index` of a sampler: coordinates in [0, 1), one per varying parameter. Pure; callable in any order. */
export type PointSampler = (index: number) => number[];

export interface SamplerConfig {
  kind: PointSamplerKind;
  seed: number;
  /** Number of points in the campaign (latin-hypercube strata; index bound for all). */
  count: number;
  /** Unit-cube dimensions: one per varying parameter. */
  dims: number;
  /** Grid only: number of levels of each dimension (the last varies fastest). */
  levels?: readonly number[];
}
