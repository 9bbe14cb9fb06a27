// Independent uniform points: coordinate d of point i is a hash of (seed, i, d).
import { bits64, counterOf, streamKey, unit53 } from './mix';
import type { PointSampler } from './types';

export function uniformSampler(seed: number, dims: number): PointSampler {
  const key = streamKey(seed, 'uniform');
  return (index) => Array.from({ length: dims }, (_, d) => unit53(bits64(key, counterOf(index, d))));
}
