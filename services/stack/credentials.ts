import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface StackCredentials {
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
}

/**
 * The embedded S3 server's credentials: generated once per stack directory, stored with owner-only
 * permissions, never printed. Nothing in the repository holds a secret.
 */
export function loadOrCreateCredentials(stackDir: string): StackCredentials {
  const file = path.join(stackDir, 'credentials.env');
  if (fs.existsSync(file)) {
    const parsed = parseEnvFile(fs.readFileSync(file, 'utf8'));
    if (parsed.S3_ACCESS_KEY && parsed.S3_SECRET_KEY) return { S3_ACCESS_KEY: parsed.S3_ACCESS_KEY, S3_SECRET_KEY: parsed.S3_SECRET_KEY };
  }
  const creds = { S3_ACCESS_KEY: `synthflux-${randomBytes(6).toString('hex')}`, S3_SECRET_KEY: randomBytes(24).toString('base64url') };
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(file, formatEnvFile(creds), { mode: 0o600 });
  return creds;
}

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

export function formatEnvFile(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .concat('\n');
}

/**
 * Fills process.env from the embedded stack's env files (endpoints and credentials) without
 * overriding anything already set, so every command finds a running `stack:up` by default.
 */
export function loadStackEnv(stackDir: string): void {
  for (const name of ['stack.env', 'credentials.env']) {
    const file = path.join(stackDir, name);
    if (!fs.existsSync(file)) continue;
    for (const [k, v] of Object.entries(parseEnvFile(fs.readFileSync(file, 'utf8')))) process.env[k] ??= v;
  }
}
