// Counter-based randomness: every value is a hash of (seed, stream, counter), so any simulation's
// numbers can be computed directly, in any order, with nothing carried between calls.
const MASK64 = (1n << 64n) - 1n;
/** Weyl increment of SplitMix64 (2^64 / golden ratio, odd). */
const GAMMA = 0x9e3779b97f4a7c15n;
const TWO_POW_53 = 2 ** 53;

/** Independent streams, so e.g. the LHS jitter is not correlated with its permutation. */
const STREAM_TAGS = { uniform: 1n, 'lhs-jitter': 2n, 'lhs-permutation': 3n, 'sobol-shift': 4n, 'defect-class': 5n, 'scan-defect': 6n } as const;
export type Stream = keyof typeof STREAM_TAGS;

/** SplitMix64's finalizer (Stafford variant 13): a bijective 64-bit mixer with full avalanche. */
export function mix64(x: bigint): bigint {
  let z = x & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A 64-bit key per (seed, stream); distinct inputs give distinct keys (both steps are bijections). */
export function streamKey(seed: number, stream: Stream): bigint {
  return mix64(((BigInt(seed) << 8n) | STREAM_TAGS[stream]) * GAMMA);
}

/** Output number `counter` of a SplitMix64 generator whose state starts at `key`. */
export function bits64(key: bigint, counter: bigint): bigint {
  return mix64(key + counter * GAMMA);
}

/** Counter for (index, dim): dims get 16 bits, indices the rest, so no two pairs collide. */
export function counterOf(index: number, dim: number): bigint {
  return (BigInt(index) << 16n) | BigInt(dim);
}

/** A double uniform on [0, 1) with 53 random bits. */
export function unit53(bits: bigint): number {
  return Number(bits >> 11n) / TWO_POW_53;
}

export function bits32(bits: bigint): number {
  return Number(bits >> 32n);
}

/** A 32-bit integer hash (Wellons' lowbias32), cheap enough for inner Feistel rounds. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
