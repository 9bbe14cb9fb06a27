// Seeded randomness for the fuzz tests: a failure prints its seed and case number, and the same
// seed replays exactly the same inputs (FUZZ_SEED=... to explore other ones).

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261128);

/** mulberry32: tiny, fast, good enough to pick test inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

export function randomString(r: () => number, maxLength: number): string {
  const n = Math.floor(r() * maxLength);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(pick(r, [32 + Math.floor(r() * 95), Math.floor(r() * 0xd7ff), 10, 0, 58, 45, 123, 91]));
  return s;
}

export function randomBytes(r: () => number, maxLength: number): Buffer {
  const n = Math.floor(r() * maxLength);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

/** Values that break naive validation: non-finite, negative, huge, wrong types, deep or wide. */
export function nastyValue(r: () => number): unknown {
  return pick<() => unknown>(r, [
    () => NaN,
    () => Infinity,
    () => -Infinity,
    () => -1,
    () => -0.5,
    () => 0,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => 2 ** 53,
    () => 0.1,
    () => '',
    () => 'x'.repeat(100_000),
    () => randomString(r, 40),
    () => '1e3',
    () => null,
    () => true,
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => ({ min: 5, max: 1 }),
    () => ({ min: NaN, max: Infinity }),
    () => ({ values: [] }),
    () => new Array(10_000).fill(1),
  ])();
}
