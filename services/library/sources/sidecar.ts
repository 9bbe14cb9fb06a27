// The JSON metadata beside a .npy or CSV file (or given with --meta), and the measured maps it names.
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeNpy, isNpyFormatError } from '../../ml/npy';
import { parseLibraryMetadata, type LibraryMetadata } from '../metadata';
import type { RawMeasured, SourceDefect } from '../source';
import type { LibraryIssue } from '../types';

const exists = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);

/** `--meta FILE`, else `scans.json` or `scans.npy.json` beside `scans.npy`. */
export async function findSidecar(file: string, metaFile?: string): Promise<string | LibraryIssue> {
  if (metaFile) return (await exists(metaFile)) ? metaFile : { field: 'metadata', message: `metadata file not found: ${metaFile}` };
  const candidates = [path.join(path.dirname(file), `${path.parse(file).name}.json`), `${file}.json`];
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  return { field: 'metadata', message: `no metadata file: give --meta FILE, or put ${candidates.join(' or ')} beside the depths` };
}

/** Reads a metadata JSON file; problems become issues. */
export async function readMetadataFile(file: string): Promise<LibraryMetadata> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    return { standIn: false, entries: [], issues: [{ field: 'metadata', message: `${file} is not readable JSON (${(err as Error).message})` }] };
  }
  return parseLibraryMetadata(json);
}

/** Loads each defect's measured map from the .npy file its metadata names (relative to the metadata file). */
export async function attachMeasuredFiles(defects: SourceDefect[], metaFile: string, issues: LibraryIssue[]): Promise<void> {
  for (const d of defects) {
    const measured = d.meta?.measured;
    if (!measured) continue;
    if (!measured.file) {
      issues.push({ defect: d.label, field: 'measured.file', message: 'is required: a .npy file [3, axial, circumferential] (Bx, By, Bz) beside the metadata file' });
      continue;
    }
    const file = path.resolve(path.dirname(metaFile), measured.file);
    try {
      const npy = decodeNpy(await fs.readFile(file), file);
      d.measured = { where: file, shape: npy.shape, values: npy.data } satisfies RawMeasured;
    } catch (err) {
      const message = (err as { code?: string }).code === 'ENOENT' ? `file not found: ${file}` : isNpyFormatError(err) ? err.message : `${file}: ${(err as Error).message}`;
      issues.push({ defect: d.label, field: 'measured.file', message });
    }
  }
}
