// Latin hypercube: in every dimension the campaign's `count` points fall one per stratum
// [k/count, (k+1)/count). Point i takes stratum perm_d(i) of a keyed permutation, plus a jitter.
import { bits32, bits64, counterOf, streamKey, unit53 } from './mix';
import { FEISTEL_ROUNDS, indexPermutation, type IndexPermutation } from './permutation';
import type { PointSampler } from './types';

/** Keeps perm + jitter strictly below perm + 1 after rounding, so the stratum never spills over. */
const MAX_JITTER_SUM_GAP = 2 ** -20;

export function latinHypercubeSampler(seed: number, count: number, dims: number): PointSampler {
  const jitterKey = streamKey(seed, 'lhs-jitter');
  const perms = Array.from({ length: dims }, (_, d) => stratumPermutation(seed, count, d));
  return (index) =>
    perms.map((perm, d) => {
      const stratum = perm(index);
      const x = Math.min(stratum + unit53(bits64(jitterKey, counterOf(index, d))), stratum + 1 - MAX_JITTER_SUM_GAP);
      return x / count;
    });
}

/** Which stratum each point takes in dimension `dim`: a permutation keyed by (seed, dim). */
export function stratumPermutation(seed: number, count: number, dim: number): IndexPermutation {
  const permKey = streamKey(seed, 'lhs-permutation');
  const roundKeys = Array.from({ length: FEISTEL_ROUNDS }, (_, r) => bits32(bits64(permKey, counterOf(dim, r))));
  return indexPermutation(count, roundKeys);
}
