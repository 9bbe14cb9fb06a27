// Sobol' points computed directly: point i is the XOR of the direction numbers selected by the
// bits of gray(i) = i ^ (i >> 1). That is the standard (Joe & Kuo, SciPy) order, computed without
// walking the sequence, so any index costs at most 32 XORs per dimension.
import { bits32, bits64, counterOf, streamKey } from './mix';
import { SOBOL_BITS, SOBOL_MAX_DIMS, directionNumbers } from './sobol-directions';
import type { PointSampler } from './types';

const SCALE = 2 ** -SOBOL_BITS;

/**
 * Seed 0 gives the plain sequence (first points 0, 0.5, 0.75, 0.25, ...). Any other seed applies a
 * random digital shift (XOR with a seed-derived 32-bit word per dimension): the net structure
 * is kept, but each seed gets a different sequence.
 */
export function sobolSampler(seed: number, dims: number): PointSampler {
  if (dims > SOBOL_MAX_DIMS) throw new RangeError(`the Sobol' sampler supports up to ${SOBOL_MAX_DIMS} dimensions (got ${dims})`);
  const directions = Array.from({ length: dims }, (_, d) => directionNumbers(d));
  const key = streamKey(seed, 'sobol-shift');
  const shifts = Array.from({ length: dims }, (_, d) => (seed === 0 ? 0 : bits32(bits64(key, counterOf(0, d)))));
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** SOBOL_BITS) {
      throw new RangeError(`Sobol' index must be an integer in 0..2^${SOBOL_BITS}-1 (got ${index})`);
    }
    const gray = (index ^ (index >>> 1)) >>> 0; // unsigned: index < 2^32
    return directions.map((v, d) => {
      let x = shifts[d]!;
      for (let k = 0, g = gray; g !== 0; k++, g >>>= 1) {
        if (g & 1) x = (x ^ v[k]!) >>> 0;
      }
      return x * SCALE;
    });
  };
}
