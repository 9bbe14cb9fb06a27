// Reading a library back for a campaign: the catalog says which prefix and which grids, the store
// holds the values, and every defect is checked against its catalog content hash (and the whole
// library against the library's hash when all of it is read).
import type * as Minio from 'minio';
import type { PrismaClientOrTransaction } from '../catalog/client';
import { getLibrary, listLibraryDefects, type LibraryDefectRow, type LibraryRow } from './catalog';
import { defectContentHash, libraryContentHash } from './content-hash';
import { LibraryError } from './errors';
import { readLibraryGroup, s3LibraryStore } from './store';
import type { LibraryDefect } from './types';

export interface LibraryReadDeps {
  prisma: PrismaClientOrTransaction;
  s3: Minio.Client;
  bucket: string;
}

/** One defect as a campaign uses it: grid, metadata, content hash and place in the library. */
export interface LoadedLibraryDefect extends LibraryDefect {
  index: number;
  contentHash: string;
}

export interface LoadedLibrary {
  library: LibraryRow;
  defects: LoadedLibraryDefect[];
}

function toDefect(row: LibraryDefectRow, values: { depthsMm: Float32Array; measured?: Float32Array }): LoadedLibraryDefect {
  return {
    index: row.index,
    id: row.defectId,
    contentHash: row.contentHash,
    wallThicknessMm: row.wallThicknessMm,
    side: row.side,
    grid: {
      axialPitchMm: row.axialPitchMm,
      circumferentialPitchMm: row.circumferentialPitchMm,
      axialCount: row.axialCount,
      circumferentialCount: row.circumferentialCount,
      depthsMm: values.depthsMm,
    },
    ...(row.measuredGrid && values.measured
      ? { measured: { sensorGrid: row.measuredGrid, tesla: values.measured, ...(row.measuredFieldKAPerM !== null ? { backgroundFieldKAPerM: row.measuredFieldKAPerM } : {}) } }
      : {}),
  };
}

/**
 * Loads library `name` (or only the defects `ids`, in library order), each verified against its
 * catalog content hash. Throws LibraryError `not-found` for an unknown library or id, `integrity`
 * when the store does not hold what the catalog says.
 */
export async function loadLibraryDefects(deps: LibraryReadDeps, name: string, opts: { ids?: readonly string[] } = {}): Promise<LoadedLibrary> {
  const library = await getLibrary(deps.prisma, name);
  if (!library) throw new LibraryError('not-found', `defect library ${name} is not in the catalog (synthflux defects list shows the libraries)`);
  const rows = await listLibraryDefects(deps.prisma, name, opts.ids);
  const unknown = opts.ids?.filter((id) => !rows.some((r) => r.defectId === id)) ?? [];
  if (unknown.length > 0) throw new LibraryError('not-found', `defect library ${name} has no defect ${unknown.join(', ')}`);
  let values;
  try {
    values = await readLibraryGroup(
      s3LibraryStore(deps.s3, deps.bucket, library.storePrefix),
      rows.map((r) => ({ index: r.index, axialCount: r.axialCount, circumferentialCount: r.circumferentialCount, ...(r.measuredGrid ? { measuredGrid: r.measuredGrid } : {}) })),
    );
  } catch (err) {
    throw new LibraryError('integrity', `defect library ${name}: s3://${deps.bucket}/${library.storePrefix} is not readable (${(err as Error).message})`, [], { cause: err });
  }
  const defects = rows.map((row, k) => toDefect(row, values[k]!));
  const mismatched = defects.filter((d) => defectContentHash(d) !== d.contentHash).map((d) => d.id);
  if (mismatched.length > 0) {
    throw new LibraryError('integrity', `defect library ${name}: the stored content of ${mismatched.length} defects (${mismatched.slice(0, 5).join(', ')}) does not match the catalog's content hash`);
  }
  if (!opts.ids && (defects.length !== library.defectCount || libraryContentHash(library.standIn, defects.map((d) => d.contentHash)) !== library.contentHash)) {
    throw new LibraryError('integrity', `defect library ${name}: its defect rows do not add up to the library's content hash ${library.contentHash.slice(0, 16)}`);
  }
  return { library, defects };
}
