// TLS and mutual TLS for the gRPC servers (solver, subscriptions) and their clients. Config names
// PEM file paths only; the key material is read when the server or channel is built and never logged.
//   cert + key        -> TLS: clients verify the server against their CA
//   cert + key + ca   -> mTLS: the server also demands a client certificate signed by `ca`
//   none              -> plaintext (loopback, or inside a mesh that terminates TLS)

import fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { z } from 'zod';

export interface TlsFiles {
  cert?: string;
  key?: string;
  ca?: string;
}

export const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
export const pemPath = z.preprocess(blankToUndefined, z.string().optional());

/** Cross-field rule shared by every config that takes TLS files; returns [field suffix, message]. */
export function tlsFilesIssue(files: TlsFiles, side: 'server' | 'client'): [keyof TlsFiles, string] | undefined {
  if (files.cert && !files.key) return ['key', 'a certificate needs its private key'];
  if (files.key && !files.cert) return ['cert', 'a private key needs its certificate'];
  if (side === 'server' && files.ca && !files.cert) return ['cert', 'a client CA (mTLS) needs the server certificate and key'];
  for (const [field, file] of Object.entries(files) as [keyof TlsFiles, string | undefined][]) {
    if (file && !fs.existsSync(file)) return [field, `file not found: ${file}`];
  }
  return undefined;
}

export const tlsEnabled = (files: TlsFiles): boolean => Boolean(files.cert && files.key);

export function serverCredentials(files: TlsFiles): grpc.ServerCredentials {
  if (!tlsEnabled(files)) return grpc.ServerCredentials.createInsecure();
  const ca = files.ca ? fs.readFileSync(files.ca) : null;
  // With a CA, a client without a certificate signed by it fails the handshake.
  return grpc.ServerCredentials.createSsl(ca, [{ cert_chain: fs.readFileSync(files.cert!), private_key: fs.readFileSync(files.key!) }], ca !== null);
}

/** Client side: `ca` verifies the server; `cert` + `key` are the client's identity for mTLS. */
export function channelCredentials(files: TlsFiles): grpc.ChannelCredentials {
  if (!files.ca && !tlsEnabled(files)) return grpc.credentials.createInsecure();
  const read = (file?: string): Buffer | null => (file ? fs.readFileSync(file) : null);
  return grpc.credentials.createSsl(read(files.ca), read(files.key), read(files.cert));
}
