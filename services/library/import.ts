// Importing a library: every check first, then the object store (a new prefix named by the
// content hash), then one catalog transaction. Nothing is half-imported: a failed check writes
// nothing, a failed store write leaves the catalog as it was (and its objects are removed), and
// readers only ever see the prefix the catalog names.
import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import { defectRows, getLibrary, putLibrary, type LibraryRow } from './catalog';
import { contentHashes } from './content-hash';
import { LibraryError } from './errors';
import type { LibrarySource } from './source';
import { libraryPrefix, removeLibraryStore, s3LibraryStore, writeLibraryGroup } from './store';
import { LIBRARY_NAME_PATTERN, LIBRARY_NAME_TEXT, STAND_IN_LIBRARY_LABEL } from './types';
import { validateLibrary } from './validate';

export interface LibraryWriteDeps {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
}

export interface ImportResult {
  /** `unchanged`: the same content was already there under the name; nothing was written. */
  status: 'imported' | 'replaced' | 'unchanged';
  library: LibraryRow;
  measuredCount: number;
  /** Objects of the replaced content that were removed. */
  removedObjects: number;
}

const MAX_SOURCE_TEXT = 500;

export function checkLibraryName(name: string): void {
  if (!LIBRARY_NAME_PATTERN.test(name)) throw new LibraryError('invalid', `library name '${name}' is not valid: ${LIBRARY_NAME_TEXT}`);
}

function conflict(name: string, existing: LibraryRow, hash: string): LibraryError {
  return new LibraryError(
    'conflict',
    `library ${name} already holds different content (sha256 ${existing.contentHash.slice(0, 16)}, ${existing.defectCount} defects, imported ${existing.createdAt.toISOString()}); ` +
      `this import is sha256 ${hash.slice(0, 16)}. Import it under another name, or pass --replace to replace it`,
  );
}

/** Validates `source` completely, then stores and catalogs it as library `name`. */
export async function importLibrary(deps: LibraryWriteDeps, name: string, source: LibrarySource, opts: { replace?: boolean } = {}): Promise<ImportResult> {
  checkLibraryName(name);
  const { content, issues } = validateLibrary(source);
  if (issues.length > 0) throw new LibraryError('invalid', `${source.description}: ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was imported`, issues);
  const hashes = contentHashes(content);
  const measuredCount = content.defects.filter((d) => d.measured).length;
  const existing = await getLibrary(deps.prisma, name);
  if (existing?.contentHash === hashes.library) return { status: 'unchanged', library: existing, measuredCount, removedObjects: 0 };
  if (existing && !opts.replace) throw conflict(name, existing, hashes.library);

  const storePrefix = libraryPrefix(name, hashes.library);
  const description = (content.standIn && !source.description.includes('STAND-IN') ? `${STAND_IN_LIBRARY_LABEL}: ${source.description}` : source.description).slice(0, MAX_SOURCE_TEXT);
  const row = { name, contentHash: hashes.library, storePrefix, defectCount: content.defects.length, standIn: content.standIn, source: description };
  try {
    await writeLibraryGroup(s3LibraryStore(deps.s3, deps.bucket, storePrefix), content, {
      name,
      contentHash: hashes.library,
      standIn: content.standIn,
      ...(content.standIn ? { label: STAND_IN_LIBRARY_LABEL } : {}),
      source: description,
    });
  } catch (err) {
    await removeLibraryStore(deps.s3, deps.bucket, storePrefix).catch(() => undefined);
    throw err;
  }

  // The catalog moves to the new content in one transaction; a concurrent import of the same name
  // is seen here, not overwritten.
  let outcome;
  try {
    outcome = await deps.prisma.$transaction(async (tx) => {
      const now = await getLibrary(tx, name);
      if (now?.contentHash === hashes.library) return { status: 'unchanged' as const, library: now, previous: undefined };
      if (now && !opts.replace) throw conflict(name, now, hashes.library);
      await putLibrary(tx, row, defectRows(name, content, hashes.defects));
      return { status: now ? ('replaced' as const) : ('imported' as const), library: (await getLibrary(tx, name))!, previous: now };
    });
  } catch (err) {
    // Objects no catalog row names are removed, unless a concurrent identical import committed them.
    if ((await getLibrary(deps.prisma, name).catch(() => undefined))?.storePrefix !== storePrefix) {
      await removeLibraryStore(deps.s3, deps.bucket, storePrefix).catch(() => undefined);
    }
    throw err;
  }
  let removedObjects = 0;
  if (outcome.previous && outcome.previous.storePrefix !== storePrefix) {
    removedObjects = await removeLibraryStore(deps.s3, deps.bucket, outcome.previous.storePrefix);
  }
  return { status: outcome.status, library: outcome.library, measuredCount, removedObjects };
}
