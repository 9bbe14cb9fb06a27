import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeNpy } from '../../../services/ml/npy';
import type { LibrarySource, SourceDefect } from '../../../services/library/source';
import { parseLibraryMetadata } from '../../../services/library/metadata';

export const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'library-'));

export function writeNpy(file: string, shape: number[], data: ArrayLike<number>, dtype: 'float32' | 'float64' = 'float64'): void {
  const values = dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data);
  fs.writeFileSync(file, encodeNpy(dtype === 'float32' ? { dtype, shape, data: values as Float32Array } : { dtype, shape, data: values as Float64Array }));
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value));
}

/** A 4 x 3 grid with a 2 x 1 pit in the middle. */
export const PIT = [0, 0, 0, 0, 1.5, 0, 0, 2.25, 0, 0, 0, 0];

export const meta = (id: string, over: Record<string, unknown> = {}) => ({ id, wallThicknessMm: 10, axialPitchMm: 1, circumferentialPitchMm: 2, side: 'far', ...over });

/** A source of one or more grids (same metadata path as the readers), for validation tests. */
export function sourceOf(defects: Array<{ meta: Record<string, unknown>; a: number; c: number; values: ArrayLike<number>; measured?: SourceDefect['measured'] }>): LibrarySource {
  const parsed = parseLibraryMetadata({ defects: defects.map((d) => d.meta) });
  return {
    description: 'test',
    standIn: false,
    issues: parsed.issues,
    defects: parsed.entries.map((entry, k) => ({
      label: entry.label,
      meta: entry.meta,
      depths: { axialCount: defects[k]!.a, circumferentialCount: defects[k]!.c, values: defects[k]!.values },
      ...(defects[k]!.measured ? { measured: defects[k]!.measured } : {}),
    })),
  };
}
