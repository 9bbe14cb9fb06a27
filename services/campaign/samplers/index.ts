// Unit-cube samplers: for simulation index i, a point in [0,1)^dims that is a pure function of
// (sampler, seed, count, i). The factory precomputes immutable tables only; calls share no state.
import { gridSampler } from './grid';
import { latinHypercubeSampler } from './latin-hypercube';
import { sobolSampler } from './sobol';
import type { PointSampler, SamplerConfig } from './types';
import { uniformSampler } from './uniform';

export type { PointSampler, SamplerConfig } from './types';
export { stratumPermutation } from './latin-hypercube';
export { indexPermutation } from './permutation';
export { directionNumbers, SOBOL_MAX_DIMS } from './sobol-directions';

export function createPointSampler(config: SamplerConfig): PointSampler {
  const { kind, seed, count, dims } = config;
  const sample = pick(config);
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`point index must be an integer in 0..${count - 1} (got ${index})`);
    }
    return dims === 0 ? [] : sample(index);
  };

  function pick(c: SamplerConfig): PointSampler {
    switch (kind) {
      case 'uniform':
        return uniformSampler(seed, dims);
      case 'latin-hypercube':
        return latinHypercubeSampler(seed, count, dims);
      case 'sobol':
        return sobolSampler(seed, dims);
      case 'grid':
        if (c.levels?.length !== dims) throw new RangeError(`the grid sampler needs levels for each of its ${dims} dimensions`);
        return gridSampler(c.levels);
    }
  }
}

/** Point `index` of the configured sampler; build the sampler once with createPointSampler for ranges. */
export function samplePoint(config: SamplerConfig, index: number): number[] {
  return createPointSampler(config)(index);
}
