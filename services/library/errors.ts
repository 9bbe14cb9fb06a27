import type { LibraryIssue } from './types';

/**
 * Why an import or a read of a library failed: `invalid` input (every issue found, nothing written),
 * a `conflict` with different content already under the name, a library `not-found`, or stored
 * content that no longer matches its catalog hash (`integrity`).
 */
export type LibraryErrorKind = 'invalid' | 'conflict' | 'not-found' | 'integrity';

/** One line per issue: `defect <id>: <field>: <message>`, or `<field>: <message>` for the whole file. */
export function formatLibraryIssues(issues: readonly LibraryIssue[]): string {
  return issues.map((i) => `${i.defect === undefined ? '' : `defect ${i.defect}: `}${i.field}: ${i.message}`).join('\n');
}

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly kind: LibraryErrorKind,
    message: string,
    readonly issues: readonly LibraryIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(issues.length > 0 ? `${message}\n${formatLibraryIssues(issues)}` : message, options);
  }
}

export function isLibraryError(err: unknown): err is LibraryError {
  return err instanceof LibraryError;
}
