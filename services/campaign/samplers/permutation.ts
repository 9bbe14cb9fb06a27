// A keyed pseudo-random permutation of [0, size) evaluated one element at a time: a balanced
// Feistel network on the smallest even-bit power-of-two domain >= size, with cycle-walking to
// stay inside [0, size). Nothing of size `size` is ever materialised.
import { hash32 } from './mix';

export const FEISTEL_ROUNDS = 6;

export type IndexPermutation = (index: number) => number;

/** `roundKeys` are 32-bit keys, one per round (FEISTEL_ROUNDS of them). */
export function indexPermutation(size: number, roundKeys: readonly number[]): IndexPermutation {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 30) throw new RangeError(`permutation size must be 1..2^30 (got ${size})`);
  // Half-width so the domain 4^half >= size; at most 4x larger, so walks are short on average.
  const half = Math.max(1, Math.ceil(Math.log2(size) / 2));
  const mask = (1 << half) - 1;
  const round = (r: number, key: number): number => hash32(Math.imul(r, 0x9e3779b1) ^ key) & mask;

  const feistel = (x: number): number => {
    let left = x >>> half;
    let right = x & mask;
    for (const key of roundKeys) {
      const next = left ^ round(right, key);
      left = right;
      right = next;
    }
    return (left << half) | right;
  };

  return (index) => {
    // A bijection on the domain: following the cycle from an in-range index must return in range.
    let x = feistel(index);
    while (x >= size) x = feistel(x);
    return x;
  };
}
