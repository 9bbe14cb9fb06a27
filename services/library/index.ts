// Public API of defect libraries: import (from files or the stand-in generator), the catalog, and
// the reader campaigns use.
export { LIBRARY_LIMITS, LIBRARY_NAME_PATTERN, STAND_IN_LIBRARY_LABEL, type LibraryContent, type LibraryDefect, type LibraryIssue, type MeasuredMap } from './types';
export { LibraryError, formatLibraryIssues, isLibraryError, type LibraryErrorKind } from './errors';
export { readLibrarySource } from './sources/read';
export { validateLibrary } from './validate';
export type { LibrarySource } from './source';
export { importLibrary, type ImportResult, type LibraryWriteDeps } from './import';
export { loadLibraryDefects, type LibraryReadDeps, type LoadedLibrary, type LoadedLibraryDefect } from './load';
export { getLibrary, listLibraries, listLibraryDefects, type LibraryDefectRow, type LibraryRow } from './catalog';
export { generateStandInLibrary } from './stand-in';
export { libraryPrefix } from './store';
