// In-memory scan libraries for the scan sampler's tests: small asymmetric depth maps whose extent
// and depth are known, so a variation's effect can be read off exactly.
import type { DefectSide } from '../../../services/domain/defect';
import type { ScanLibrary, ScanLibraryDefect } from '../../../services/campaign';

const hex = (k: number) => k.toString(16).padStart(64, '0');

/**
 * An L-shaped pit on a 10 x 8 grid (1 mm x 2 mm pitch) with a one-cell empty margin: loss cells
 * i 1..6 (6 mm), j 1..4 (8 mm), deepest `depthMm` at cell (1, 1); no mirror symmetry.
 */
export function lShapedDefect(id: string, opts: { depthMm?: number; wallThicknessMm?: number; side?: DefectSide; hash?: number } = {}): ScanLibraryDefect {
  const depthMm = opts.depthMm ?? 4;
  const axialCount = 10;
  const circumferentialCount = 8;
  const depthsMm = new Float64Array(axialCount * circumferentialCount);
  for (let i = 1; i <= 6; i++) depthsMm[i * circumferentialCount + 1] = depthMm * (1 - (i - 1) * 0.1);
  for (let j = 2; j <= 4; j++) depthsMm[1 * circumferentialCount + j] = depthMm * (0.8 - (j - 2) * 0.2);
  return {
    id,
    contentHash: hex(opts.hash ?? id.length),
    depthMap: { axialPitchMm: 1, circumferentialPitchMm: 2, axialCount, circumferentialCount, depthsMm },
    wallThicknessMm: opts.wallThicknessMm ?? 10,
    side: opts.side ?? 'near',
  };
}

/** A corrosion-like patch: a few bumps of different sizes on a grid that varies with k. */
export function patchDefect(k: number): ScanLibraryDefect {
  const axialCount = 12 + (k % 5) * 7;
  const circumferentialCount = 10 + (k % 3) * 6;
  const wallThicknessMm = 6 + (k % 8) * 1.75;
  const depthsMm = new Float64Array(axialCount * circumferentialCount);
  const peak = wallThicknessMm * (0.1 + 0.6 * ((k * 37) % 11) / 10);
  for (let i = 2; i < axialCount - 2; i++) {
    for (let j = 2; j < circumferentialCount - 2; j++) {
      const x = (i - axialCount * (0.4 + 0.02 * (k % 7))) / (axialCount / 4);
      const y = (j - circumferentialCount / 2) / (circumferentialCount / 4);
      const v = peak * Math.exp(-(x * x + y * y)) + 0.3 * peak * Math.exp(-((x - 1) ** 2 + (y + 0.5) ** 2) * 4);
      depthsMm[i * circumferentialCount + j] = Math.min(v, 0.7 * wallThicknessMm);
    }
  }
  return {
    id: `patch-${String(k).padStart(3, '0')}`,
    contentHash: hex(1000 + k),
    depthMap: { axialPitchMm: 1 + (k % 4) * 0.25, circumferentialPitchMm: 1 + (k % 3) * 0.5, axialCount, circumferentialCount, depthsMm },
    wallThicknessMm,
    side: k % 2 === 0 ? 'near' : 'far',
  };
}

export function libraryOf(name: string, defects: ScanLibraryDefect[], standIn = true): ScanLibrary {
  return { name, contentHash: hex(0xabc), standIn, defects };
}

/** A stand-in-like library of `count` patches. */
export function patchLibrary(name: string, count: number): ScanLibrary {
  return libraryOf(name, Array.from({ length: count }, (_, k) => patchDefect(k)));
}
