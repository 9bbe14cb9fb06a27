// Content hashes of a library: per defect over its canonical metadata, its float32 depths and its
// measured map (float32 tesla); per library over the defects' hashes in order and the STAND-IN
// flag. The source's file format and description are no part of it, so the same scans imported
// from a CSV or from a .npy are the same library.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../campaign';
import type { LibraryContent, LibraryDefect } from './types';

const DEFECT_FORMAT = 'synthflux-library-defect/1';
const LIBRARY_FORMAT = 'synthflux-defect-library/1';

const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The metadata a defect's hash covers, in canonical form (what the stored attributes hold, too). */
export function defectHashFields(d: LibraryDefect): Record<string, unknown> {
  const { grid } = d;
  return {
    format: DEFECT_FORMAT,
    id: d.id,
    wallThicknessMm: d.wallThicknessMm,
    side: d.side,
    axialPitchMm: grid.axialPitchMm,
    circumferentialPitchMm: grid.circumferentialPitchMm,
    axialCount: grid.axialCount,
    circumferentialCount: grid.circumferentialCount,
    measuredSensorGrid: d.measured?.sensorGrid ?? null,
    // Only when given, so libraries imported before the field was recorded keep their hashes.
    ...(d.measured?.backgroundFieldKAPerM !== undefined ? { measuredFieldKAPerM: d.measured.backgroundFieldKAPerM } : {}),
  };
}

/** sha256 hex of one defect; its metadata fixes every array's length, so the concatenation is unambiguous. */
export function defectContentHash(d: LibraryDefect): string {
  const hash = createHash('sha256').update(canonicalJson(defectHashFields(d)), 'utf8').update(bytesOf(d.grid.depthsMm));
  if (d.measured) hash.update(bytesOf(d.measured.tesla));
  return hash.digest('hex');
}

export function libraryContentHash(standIn: boolean, defectHashes: readonly string[]): string {
  return createHash('sha256').update(canonicalJson({ format: LIBRARY_FORMAT, standIn, defects: defectHashes }), 'utf8').digest('hex');
}

export function contentHashes(content: LibraryContent): { library: string; defects: string[] } {
  const defects = content.defects.map(defectContentHash);
  return { library: libraryContentHash(content.standIn, defects), defects };
}
