import type { SpecIssue } from './types';

/** One line per issue: `path: message`, with the YAML position when known. */
export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  return issues
    .map((i) => {
      const where = i.line === undefined ? '' : ` (line ${i.line}, column ${i.column ?? 1})`;
      return `${i.path || '(spec)'}${where}: ${i.message}`;
    })
    .join('\n');
}

/** A campaign spec that failed validation; `issues` holds every problem found, not just the first. */
export class CampaignSpecError extends Error {
  override readonly name = 'CampaignSpecError';
  constructor(
    readonly issues: readonly SpecIssue[],
    options?: { source?: string; cause?: unknown },
  ) {
    const what = options?.source ? `invalid campaign spec ${options.source}` : 'invalid campaign spec';
    super(`${what}:\n${formatSpecIssues(issues)}`, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isCampaignSpecError(err: unknown): err is CampaignSpecError {
  return err instanceof CampaignSpecError;
}
