// Where an export goes: a local folder or a bucket/prefix on the same S3 server.

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as Minio from 'minio';
import { ensureBucket, readObject } from '../../store/s3';

export interface Destination {
  /** Human-readable, for messages. */
  describe: string;
  write(relativePath: string, body: Buffer): Promise<void>;
  read(relativePath: string): Promise<Buffer | undefined>;
}

export const sha256Hex = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex');

function safeRelative(relativePath: string): string {
  const normalized = path.posix.normalize(relativePath);
  if (normalized.startsWith('..') || path.posix.isAbsolute(normalized)) throw new Error(`refusing to write outside the export: ${relativePath}`);
  return normalized;
}

export async function openDestination(to: string, s3: Minio.Client, region: string): Promise<Destination> {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(to);
  if (m) {
    const bucket = m[1]!;
    const prefix = (m[2] ?? '').replace(/\/+$/, '');
    await ensureBucket(s3, bucket, region);
    const key = (p: string): string => (prefix ? `${prefix}/${safeRelative(p)}` : safeRelative(p));
    return {
      describe: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      write: async (p, body) => {
        await s3.putObject(bucket, key(p), body, body.length);
      },
      read: (p) => readObject(s3, bucket, key(p)),
    };
  }
  if (to.startsWith('s3://')) throw new Error(`--to: '${to}' is not s3://bucket/prefix with a valid bucket name`);
  const root = path.resolve(to);
  return {
    describe: root,
    write: async (p, body) => {
      const file = path.join(root, safeRelative(p));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, body);
    },
    read: async (p) => fs.readFile(path.join(root, safeRelative(p))).catch(() => undefined),
  };
}
