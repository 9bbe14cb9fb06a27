import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibrarySource } from '../source';
import { readCsvSource, readNpySource } from './files';
import { readZarrSource } from './zarr';

/** Reads an import's files by kind: a Zarr v3 store (a directory), a .npy array or a CSV. */
export async function readLibrarySource(file: string, metaFile?: string): Promise<LibrarySource> {
  const stat = await fs.stat(file).catch(() => undefined);
  const fail = (message: string): LibrarySource => ({ description: path.basename(file), standIn: false, defects: [], issues: [{ field: 'file', message }] });
  if (!stat) return fail(`not found: ${file}`);
  if (stat.isDirectory()) return readZarrSource(file, metaFile);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.npy') return readNpySource(file, metaFile);
  if (ext === '.csv' || ext === '.txt') return readCsvSource(file, metaFile);
  return fail(`${file}: unsupported file type '${ext}'; expected a .npy array, a .csv laser-scan export or a Zarr v3 store directory`);
}
