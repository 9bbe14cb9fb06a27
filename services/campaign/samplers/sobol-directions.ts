// Joe & Kuo's Sobol' direction numbers, file new-joe-kuo-6.21201 (S. Joe and F. Y. Kuo,
// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput.
// 30, 2635-2654, 2008), dimensions 2..21 as [s, a, m_1..m_s]. Dimension 1 is van der Corput and
// needs none. A campaign has at most 7 varying parameters; the rest is headroom for new ones.
export const JOE_KUO_6_21201: readonly (readonly number[])[] = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
];

export const SOBOL_BITS = 32;
export const SOBOL_MAX_DIMS = JOE_KUO_6_21201.length + 1;

/** The 32 direction numbers V_1..V_32 of dimension `dim` (0-based), as unsigned 32-bit integers. */
export function directionNumbers(dim: number): number[] {
  if (!Number.isInteger(dim) || dim < 0 || dim >= SOBOL_MAX_DIMS) {
    throw new RangeError(`Sobol' dimension must be 0..${SOBOL_MAX_DIMS - 1} (got ${dim})`);
  }
  const v = new Array<number>(SOBOL_BITS + 1).fill(0); // 1-based: v[k] is V_k
  if (dim === 0) {
    for (let k = 1; k <= SOBOL_BITS; k++) v[k] = 2 ** (SOBOL_BITS - k);
    return v.slice(1);
  }
  const [s, a, ...m] = JOE_KUO_6_21201[dim - 1]!;
  for (let k = 1; k <= s!; k++) v[k] = (m[k - 1]! * 2 ** (SOBOL_BITS - k)) >>> 0;
  // Recurrence of the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 (Bratley & Fox).
  for (let k = s! + 1; k <= SOBOL_BITS; k++) {
    let next = (v[k - s!]! ^ (v[k - s!]! >>> s!)) >>> 0;
    for (let j = 1; j < s!; j++) {
      if ((a! >>> (s! - 1 - j)) & 1) next = (next ^ v[k - j]!) >>> 0;
    }
    v[k] = next;
  }
  return v.slice(1);
}
