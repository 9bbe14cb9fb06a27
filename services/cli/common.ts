import fs from 'node:fs';
import path from 'node:path';
import { formatSpecIssues, parseCampaignSpec, type CampaignSpec } from '../campaign';

/** Exit codes by failure class; `denied`: the API refused the token or its scope (or there is none). */
export const EXIT = { ok: 0, failure: 1, invalidSpec: 2, notFound: 3, campaignFailed: 4, denied: 5 } as const;

export class CliExit extends Error {
  override readonly name = 'CliExit';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function readSpec(file: string): CampaignSpec {
  if (!fs.existsSync(file)) throw new CliExit(EXIT.invalidSpec, `spec file not found: ${file}`);
  const result = parseCampaignSpec(fs.readFileSync(file, 'utf8'), file, { baseDir: path.dirname(path.resolve(file)) });
  if (!result.ok) throw new CliExit(EXIT.invalidSpec, `${file} is not a valid campaign spec:\n${formatSpecIssues(result.errors)}`);
  return result.spec;
}

