import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { issueScopedCredentials, type ScopedCredentials } from '../store/scoped-credentials';
import type { StackCredentials } from './credentials';

// The worker writes datasets; the API service (subscriptions, dashboard) only reads them. Each
// gets its own temporary key limited to that role on the stack's bucket, so neither holds the
// S3 server's root key. MinIO caps such keys at 7 days; `stack:up` re-issues them a day before.
const LIFETIME_SECONDS = 7 * 24 * 3600 - 3600;
const RENEW_BEFORE_MS = 24 * 3600 * 1000;

const scoped = z.object({ S3_ACCESS_KEY: z.string(), S3_SECRET_KEY: z.string(), S3_SESSION_TOKEN: z.string() });
const fileSchema = z.object({ worker: scoped, consumer: scoped, expiresAt: z.string() });
export type ComponentCredentials = z.infer<typeof fileSchema>;

/**
 * The components' scoped S3 keys, from `<dir>/component-credentials.json` (owner-only) while they
 * have more than a day left, otherwise newly issued. `reissued` tells the caller to restart the
 * components that hold the old ones.
 */
export async function componentCredentials(opts: {
  dir: string;
  s3Endpoint: string;
  root: StackCredentials;
  bucket: string;
}): Promise<{ credentials: ComponentCredentials; reissued: boolean }> {
  const file = path.join(opts.dir, 'component-credentials.json');
  if (fs.existsSync(file)) {
    const saved = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (saved.success && Date.parse(saved.data.expiresAt) - Date.now() > RENEW_BEFORE_MS) return { credentials: saved.data, reissued: false };
  }
  const issue = (role: 'worker' | 'consumer'): Promise<ScopedCredentials> =>
    issueScopedCredentials({ endpoint: opts.s3Endpoint, accessKey: opts.root.S3_ACCESS_KEY, secretKey: opts.root.S3_SECRET_KEY, bucket: opts.bucket, role, durationSeconds: LIFETIME_SECONDS });
  const credentials: ComponentCredentials = {
    worker: await issue('worker'),
    consumer: await issue('consumer'),
    expiresAt: new Date(Date.now() + LIFETIME_SECONDS * 1000).toISOString(),
  };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return { credentials, reissued: true };
}
