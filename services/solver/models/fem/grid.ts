// Structured node grids and their 27-point stencil operators.
//
// Nodes are numbered z fastest: n = k + nz * (j + ny * i), so z-lines (the direction of the finest,
// most anisotropic spacing) are contiguous for the line smoother. Vectors carry `pad` zeros on both
// ends: a stencil sweep over the rows 1 <= i <= nx-2 then never needs bounds checks, because the
// neighbours it reads past the y/z edges have zero coefficients and land on finite memory.
// Rows i = 0 and i = nx-1 are the Dirichlet planes: their entries in every vector stay zero.

export interface Grid {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** Number of nodes. */
  readonly n: number;
  readonly pad: number;
  /** Length of a padded vector: n + 2 * pad. */
  readonly len: number;
  /** Node index offset of stencil entry s = (dx+1)*9 + (dy+1)*3 + (dz+1). */
  readonly offs: Int32Array;
}

export function makeGrid(x: Float64Array, y: Float64Array, z: Float64Array): Grid {
  const nx = x.length;
  const ny = y.length;
  const nz = z.length;
  const offs = new Int32Array(27);
  for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++)
      for (let dz = -1; dz <= 1; dz++) offs[(dx + 1) * 9 + (dy + 1) * 3 + (dz + 1)] = dx * ny * nz + dy * nz + dz;
  const n = nx * ny * nz;
  const pad = ny * nz + nz + 1;
  return { x, y, z, nx, ny, nz, n, pad, len: n + 2 * pad, offs };
}

export function newVector(g: Grid): Float64Array {
  return new Float64Array(g.len);
}

/** Offset of local node a = ax*4 + ay*2 + az of an element from its lowest node. */
export function localOffsets(g: Grid): Int32Array {
  const o = new Int32Array(8);
  for (let a = 0; a < 8; a++) o[a] = (a >> 2) * g.ny * g.nz + ((a >> 1) & 1) * g.nz + (a & 1);
  return o;
}

/** Stencil entry index of the coupling from local node a to local node b of one element. */
const PAIR_STENCIL = (() => {
  const s = new Int32Array(64);
  for (let a = 0; a < 8; a++)
    for (let b = 0; b < 8; b++) {
      const dx = (b >> 2) - (a >> 2);
      const dy = ((b >> 1) & 1) - ((a >> 1) & 1);
      const dz = (b & 1) - (a & 1);
      s[a * 8 + b] = (dx + 1) * 9 + (dy + 1) * 3 + (dz + 1);
    }
  return s;
})();

/**
 * Adds element matrices of the z-slab k0 <= k < k1 (64 per element, slab-local order
 * (k - k0) + (k1 - k0) * (j + (ny-1) * i); the whole mesh when k0 = 0, k1 = nz-1) into stencil A.
 */
export function assembleStencil(g: Grid, ke: Float64Array, k0 = 0, k1 = g.nz - 1, A: Float64Array = new Float64Array(g.n * 27)): Float64Array {
  const lo = localOffsets(g);
  const { nx, ny, nz } = g;
  let e = 0;
  for (let i = 0; i < nx - 1; i++)
    for (let j = 0; j < ny - 1; j++)
      for (let k = k0; k < k1; k++, e++) {
        const n0 = k + nz * (j + ny * i);
        const base = e * 64;
        for (let a = 0; a < 8; a++) {
          const row = (n0 + lo[a]!) * 27;
          for (let b = 0; b < 8; b++) A[row + PAIR_STENCIL[a * 8 + b]!]! += ke[base + a * 8 + b]!;
        }
      }
  return A;
}

/** y = A x on the free rows (1 <= i <= nx-2); Dirichlet rows of y are left untouched (zero). */
export function matvec(g: Grid, A: Float64Array, x: Float64Array, y: Float64Array): void {
  const { offs, pad } = g;
  const start = g.ny * g.nz;
  const end = g.n - g.ny * g.nz;
  for (let n = start; n < end; n++) {
    const p = pad + n;
    const r = n * 27;
    let s = 0;
    for (let q = 0; q < 27; q++) s += A[r + q]! * x[p + offs[q]!]!;
    y[p] = s;
  }
}

export function dot(g: Grid, a: Float64Array, b: Float64Array): number {
  let s = 0;
  const end = g.pad + g.n;
  for (let p = g.pad; p < end; p++) s += a[p]! * b[p]!;
  return s;
}

/** Index i of the cell [c[i], c[i+1]] holding v on a sorted coordinate axis (clamped to the ends). */
export function bracket(c: Float64Array, v: number): number {
  let lo = 0;
  let hi = c.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}
