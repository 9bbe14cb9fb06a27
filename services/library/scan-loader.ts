// A defect library as a scan campaign draws from it (campaign ScanLibraryLoader): the worker's
// activities read libraries through this, checked against the catalog's content hashes.

import { ApplicationFailure } from '@temporalio/activity';
import type { ScanLibrary } from '../campaign';
import type { ScanLibraryLoader } from '../campaign/context';
import { isLibraryError } from './errors';
import { loadLibraryDefects, type LibraryReadDeps, type LoadedLibrary } from './load';

/** A loaded library as expansion sees it: depths, and each measured map's conditions (not its values). */
export function toScanLibrary({ library, defects }: LoadedLibrary): ScanLibrary {
  return {
    name: library.name,
    contentHash: library.contentHash,
    standIn: library.standIn,
    defects: defects.map((d) => ({
      id: d.id,
      contentHash: d.contentHash,
      depthMap: d.grid,
      wallThicknessMm: d.wallThicknessMm,
      side: d.side,
      ...(d.measured
        ? { measured: { sensorGrid: d.measured.sensorGrid, ...(d.measured.backgroundFieldKAPerM !== undefined ? { backgroundFieldKAPerM: d.measured.backgroundFieldKAPerM } : {}) } }
        : {}),
    })),
  };
}

export function scanLibraryLoader(deps: LibraryReadDeps): ScanLibraryLoader {
  return async (name: string): Promise<ScanLibrary | undefined> => {
    try {
      return toScanLibrary(await loadLibraryDefects(deps, name));
    } catch (err) {
      if (isLibraryError(err) && err.kind === 'not-found') return undefined;
      // A library that is there but does not match its catalog will not mend itself on a retry.
      if (isLibraryError(err)) throw ApplicationFailure.nonRetryable(err.message, 'ScanLibraryUnusable');
      throw err;
    }
  };
}
