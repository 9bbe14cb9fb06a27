// A STAND-IN defect library: corrosion-like depth maps generated here for demos and tests, never
// laser scans. Each defect is a smooth random patch (a sum of Gaussian bumps with some roughness,
// tapered to an elliptic footprint), a cluster of pits, or a patch with pits in it; walls 6-20 mm,
// pitches 1-2 mm, the deepest cell 10-70 % of the wall, on either side. Defect k depends only on
// (seed, k), so a larger count extends a smaller one. It goes through the same path as an import:
// a padded [n, A, C] array and metadata, read like a .npy and its sidecar.
import { SeededRandom, mixSeed } from '../ml/standin/random';
import { parseLibraryMetadata } from './metadata';
import { stackedDefects, type LibrarySource } from './source';
import { LIBRARY_LIMITS, STAND_IN_LIBRARY_LABEL } from './types';

export const STAND_IN_KINDS = ['patch', 'pits', 'patch-with-pits'] as const;
type Kind = (typeof STAND_IN_KINDS)[number];

interface Generated {
  meta: Record<string, unknown>;
  axialCount: number;
  circumferentialCount: number;
  depths: Float32Array;
}

// Rounded to the step and printed back, so 6.1 is 6.1 and not 6.1000000000000005.
const round = (v: number, step: number) => Number((Math.round(v / step) * step).toFixed(4));
const between = (rng: SeededRandom, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/** Adds a Gaussian bump (centre and sigmas in cells) to a field. */
function addBump(field: Float64Array, a: number, c: number, ci: number, cj: number, si: number, sj: number, amplitude: number): void {
  for (let i = 0; i < a; i++) {
    const di = ((i - ci) / si) ** 2;
    if (di > 16) continue;
    for (let j = 0; j < c; j++) field[i * c + j]! += amplitude * Math.exp(-0.5 * (di + ((j - cj) / sj) ** 2));
  }
}

/** White noise smoothed twice by a 3 x 3 box: roughness on the scale of a few cells. */
function roughness(rng: SeededRandom, a: number, c: number): Float64Array {
  let f = Float64Array.from({ length: a * c }, () => rng.normal());
  for (let pass = 0; pass < 2; pass++) {
    const g = new Float64Array(a * c);
    for (let i = 0; i < a; i++) {
      for (let j = 0; j < c; j++) {
        let sum = 0;
        let n = 0;
        for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) {
          const ii = i + di;
          const jj = j + dj;
          if (ii < 0 || jj < 0 || ii >= a || jj >= c) continue;
          sum += f[ii * c + jj]!;
          n++;
        }
        g[i * c + j] = sum / n;
      }
    }
    f = g;
  }
  return f;
}

function generateDefect(seed: number, k: number): Generated {
  const rng = new SeededRandom(mixSeed(seed, k));
  const kind: Kind = STAND_IN_KINDS[Math.floor(rng.uniform() * STAND_IN_KINDS.length)]!;
  const wallThicknessMm = round(between(rng, 6, 20), 0.1);
  const axialPitchMm = round(between(rng, 1, 2), 0.25);
  const circumferentialPitchMm = round(between(rng, 1, 2), 0.25);
  const [lengthMm, widthMm] = kind === 'pits' ? [between(rng, 8, 50), between(rng, 8, 50)] : [between(rng, 20, 150), between(rng, 15, 120)];
  // Two empty cells around the footprint, like a scan cropped with a margin.
  const a = Math.min(LIBRARY_LIMITS.maxAxialCount, Math.ceil(lengthMm / axialPitchMm) + 4);
  const c = Math.min(LIBRARY_LIMITS.maxCircumferentialCount, Math.ceil(widthMm / circumferentialPitchMm) + 4);
  const ci = (a - 1) / 2;
  const cj = (c - 1) / 2;
  const ri = (a - 4) / 2;
  const rj = (c - 4) / 2;
  const field = new Float64Array(a * c);
  // A point inside the footprint's ellipse, in cells.
  const inside = (spread: number): [number, number] => {
    const r = spread * Math.sqrt(rng.uniform());
    const t = 2 * Math.PI * rng.uniform();
    return [ci + r * ri * Math.cos(t), cj + r * rj * Math.sin(t)];
  };
  if (kind !== 'pits') {
    const bumps = 3 + Math.floor(rng.uniform() * 6);
    for (let b = 0; b < bumps; b++) {
      const [bi, bj] = inside(0.6);
      addBump(field, a, c, bi, bj, ri * between(rng, 0.15, 0.45), rj * between(rng, 0.15, 0.45), between(rng, 0.3, 1));
    }
    const rough = roughness(rng, a, c);
    for (let m = 0; m < field.length; m++) field[m]! *= 1 + 0.25 * rough[m]!;
  }
  if (kind !== 'patch') {
    const pits = 2 + Math.floor(rng.uniform() * 9);
    const scale = kind === 'pits' ? 1 : 0.8;
    for (let p = 0; p < pits; p++) {
      const [pi, pj] = inside(0.8);
      const sigmaMm = between(rng, 1, 4);
      addBump(field, a, c, pi, pj, Math.max(0.6, sigmaMm / axialPitchMm), Math.max(0.6, sigmaMm / circumferentialPitchMm), scale * between(rng, 0.5, 1.2));
    }
  }
  // Taper to the elliptic footprint so the loss ends inside the margin.
  let peak = 0;
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < c; j++) {
      const r2 = ((i - ci) / (ri + 0.5)) ** 2 + ((j - cj) / (rj + 0.5)) ** 2;
      const v = Math.max(0, field[i * c + j]!) * Math.max(0, 1 - r2 * r2);
      field[i * c + j] = v;
      peak = Math.max(peak, v);
    }
  }
  const maxDepthMm = wallThicknessMm * between(rng, 0.1, 0.7);
  const floorMm = 0.04 * maxDepthMm;
  // Depths to 0.01 mm, as a scanner reports them; shallow noise below 4 % of the deepest is no loss.
  const depths = Float32Array.from(field, (v) => {
    const d = round((v / peak) * maxDepthMm, 0.01);
    return d < floorMm ? 0 : d;
  });
  const side = rng.uniform() < 0.5 ? 'near' : 'far';
  const id = `SI-${seed}-${String(k + 1).padStart(4, '0')}`;
  return { meta: { id, wallThicknessMm, axialPitchMm, circumferentialPitchMm, side, axialCount: a, circumferentialCount: c }, axialCount: a, circumferentialCount: c, depths };
}

/** A STAND-IN library source of `count` defects, deterministic in `seed`. */
export function generateStandInLibrary(count: number, seed: number): LibrarySource {
  if (!Number.isInteger(count) || count < 1 || count > LIBRARY_LIMITS.maxDefects) {
    throw new RangeError(`stand-in count must be an integer from 1 to ${LIBRARY_LIMITS.maxDefects} (got ${count})`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`stand-in seed must be an integer from 0 to ${0xffffffff} (got ${seed})`);
  const defects = Array.from({ length: count }, (_, k) => generateDefect(seed, k));
  const A = Math.max(...defects.map((d) => d.axialCount));
  const C = Math.max(...defects.map((d) => d.circumferentialCount));
  const data = new Float32Array(count * A * C);
  defects.forEach((d, k) => {
    for (let i = 0; i < d.axialCount; i++) data.set(d.depths.subarray(i * d.circumferentialCount, (i + 1) * d.circumferentialCount), k * A * C + i * C);
  });
  const description = `${STAND_IN_LIBRARY_LABEL}: ${count} corrosion-like depth maps (smooth patches and pit clusters), seed ${seed}`;
  const metadata = parseLibraryMetadata({ source: description, standIn: true, defects: defects.map((d) => d.meta) });
  const stacked = stackedDefects({ shape: [count, A, C], data }, metadata, 'the stand-in depths');
  return { description, standIn: true, defects: stacked.defects, issues: [...metadata.issues, ...stacked.issues] };
}
