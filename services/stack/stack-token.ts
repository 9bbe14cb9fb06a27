// The embedded stack's token: generated once per stack directory into an owner-only file, like the
// S3 credentials. The service gets only its hash. It holds every scope (read, submit, admin), so the
// demo user can drive the whole API with it.

import fs from 'node:fs';
import path from 'node:path';
import { formatEnvFile, parseEnvFile } from './credentials';
import { hashToken, newToken, type Scope } from '../subscriptions/auth';

export const SUBSCRIPTIONS_ENV_FILE = 'subscriptions.env';
export const TOKEN_VARIABLE = 'SYNTHFLUX_TOKEN';
export const STACK_TOKEN_SCOPES: readonly Scope[] = ['read', 'submit', 'admin'];

export function loadOrCreateStackToken(stackDir: string): { token: string; entry: string } {
  const file = path.join(stackDir, SUBSCRIPTIONS_ENV_FILE);
  const existing = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8'))[TOKEN_VARIABLE] : undefined;
  if (existing) return { token: existing, entry: `stack:${hashToken(existing)}:${STACK_TOKEN_SCOPES.join('+')}` };
  const created = newToken('stack', STACK_TOKEN_SCOPES);
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(file, formatEnvFile({ [TOKEN_VARIABLE]: created.token }), { mode: 0o600 });
  return created;
}

/** The token from SYNTHFLUX_TOKEN, else from the stack directory's file; undefined if neither exists. */
export function readStackToken(stackDir: string): string | undefined {
  if (process.env[TOKEN_VARIABLE]) return process.env[TOKEN_VARIABLE];
  const file = path.join(stackDir, SUBSCRIPTIONS_ENV_FILE);
  return fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8'))[TOKEN_VARIABLE] : undefined;
}
