// Depth grids from a .npy array or a laser-scan CSV, with the JSON metadata beside them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeNpy, isNpyFormatError } from '../../ml/npy';
import { stackedDefects, type LibrarySource, type SourceDefect } from '../source';
import type { LibraryIssue } from '../types';
import { parseDepthCsv } from './csv';
import { attachMeasuredFiles, findSidecar, readMetadataFile } from './sidecar';
import type { LibraryMetadata } from '../metadata';

/** Largest CSV read (a 512 x 512 grid is about 7 MB of text; 2000 of them fit). */
export const MAX_CSV_BYTES = 512 * 1024 * 1024;

const describe = (file: string, metaFile: string, source?: string) => source ?? `${path.basename(file)} + ${path.basename(metaFile)}`;

/** Reads the metadata first (CSV problems are then named by the ids it gives), then the depths, then the measured maps. */
async function withSidecar(file: string, metaFile: string | undefined, read: (metadata: LibraryMetadata, source: LibrarySource) => Promise<void>): Promise<LibrarySource> {
  const sidecar = await findSidecar(file, metaFile);
  if (typeof sidecar !== 'string') return { description: path.basename(file), standIn: false, defects: [], issues: [sidecar] };
  const metadata = await readMetadataFile(sidecar);
  const source: LibrarySource = { description: describe(file, sidecar, metadata.source), standIn: metadata.standIn, defects: [], issues: [...metadata.issues] };
  if (metadata.entries.length === 0 && metadata.issues.length > 0) return source;
  await read(metadata, source);
  await attachMeasuredFiles(source.defects, sidecar, source.issues);
  return source;
}

/** A .npy [n, axial, circumferential] (or [axial, circumferential]) float array of depths in mm. */
export async function readNpySource(file: string, metaFile?: string): Promise<LibrarySource> {
  return withSidecar(file, metaFile, async (metadata, source) => {
    let array;
    try {
      array = decodeNpy(await fs.readFile(file), file);
    } catch (err) {
      source.issues.push({ field: 'depths', message: isNpyFormatError(err) ? err.message : `${file}: ${(err as Error).message}` });
      return;
    }
    const stacked = stackedDefects(array, metadata, file);
    source.defects.push(...stacked.defects);
    source.issues.push(...stacked.issues);
  });
}

/** A laser-scan CSV (x, y, depth rows; defect_id for several defects), paired with metadata by id. */
export async function readCsvSource(file: string, metaFile?: string): Promise<LibrarySource> {
  return withSidecar(file, metaFile, async (metadata, source) => {
    const size = (await fs.stat(file)).size;
    if (size > MAX_CSV_BYTES) {
      source.issues.push({ field: 'file', message: `${file} is ${(size / 2 ** 20).toFixed(0)} MiB; at most ${MAX_CSV_BYTES / 2 ** 20} MiB of CSV per import` });
      return;
    }
    const entries = metadata.entries;
    const csv = parseDepthCsv(await fs.readFile(file, 'utf8'), file, entries[0]?.label);
    source.issues.push(...csv.issues);
    const issues: LibraryIssue[] = source.issues;
    if (!csv.hasIds) {
      if (entries.length !== 1) issues.push({ field: 'defects', message: `${file} has no defect_id column, so it holds one defect, but the metadata lists ${entries.length}` });
      const [grid] = csv.grids;
      const entry = entries[0];
      if (entry) source.defects.push(sourceDefect(entry, grid));
      return;
    }
    const byId = new Map(csv.grids.map((g) => [g.id!, g]));
    const named = new Set(entries.map((e) => e.meta?.id));
    for (const entry of entries) {
      const grid = entry.meta ? byId.get(entry.meta.id) : undefined;
      if (entry.meta && !grid && !csv.issues.some((i) => i.defect === entry.meta!.id)) {
        issues.push({ defect: entry.label, field: 'depths', message: `${file} has no rows with defect_id ${entry.meta.id}` });
      }
      source.defects.push(sourceDefect(entry, grid));
    }
    for (const id of byId.keys()) if (!named.has(id)) issues.push({ defect: id, field: 'metadata', message: `defect_id ${id} of ${file} has no entry in the metadata` });
  });
}

function sourceDefect(entry: { label: string; meta?: SourceDefect['meta'] }, grid: ReturnType<typeof parseDepthCsv>['grids'][number] | undefined): SourceDefect {
  if (!grid) return { label: entry.label, meta: entry.meta };
  return {
    label: entry.label,
    meta: entry.meta,
    depths: { axialCount: grid.axialCount, circumferentialCount: grid.circumferentialCount, values: grid.values },
    inferredPitch: { axialPitchMm: grid.axialPitchMm, circumferentialPitchMm: grid.circumferentialPitchMm },
  };
}
