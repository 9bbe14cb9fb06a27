// How every synthflux process reaches Temporal: the worker (NativeConnection), the API service and
// the CLI (Connection). One set of settings, parsed with each service's config:
//   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE
//   TEMPORAL_TLS_CA                      PEM: verify the server with this CA (else the system's roots)
//   TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY PEM: the client certificate (mTLS)
//   TEMPORAL_TLS_SERVER_NAME             the name to verify in the server certificate (and SNI)
//   TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE   sent as `authorization: Bearer ...` (implies TLS)
//   TEMPORAL_TLS=true|false              TLS with none of the above; false refuses any of them
// Config holds file paths; certificates, keys and API key files are read when a connection is
// built. The API key is never logged: describeTemporal() says only that one is used.

import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { blankToUndefined, pemPath, tlsFilesIssue } from '../tls/grpc-tls';

const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const hostPort = z.string().regex(/^[^\s:]+:\d+$/, 'TEMPORAL_ADDRESS must be host:port');

/** Fields of a service's config schema; add temporalConnectionIssues() to its superRefine. */
export const temporalConnectionShape = {
  TEMPORAL_ADDRESS: z.preprocess(blankToUndefined, hostPort.default('127.0.0.1:7233')),
  TEMPORAL_NAMESPACE: z.preprocess(blankToUndefined, z.string().default('default')),
  TEMPORAL_TLS: z.preprocess(blankToUndefined, z.enum(['true', 'false'], { message: 'TEMPORAL_TLS must be true or false' }).optional()),
  TEMPORAL_TLS_CA: pemPath,
  TEMPORAL_TLS_CERT: pemPath,
  TEMPORAL_TLS_KEY: pemPath,
  TEMPORAL_TLS_SERVER_NAME: optionalString,
  TEMPORAL_API_KEY: z.preprocess(blankToUndefined, z.string().regex(/^\S+$/, 'TEMPORAL_API_KEY must be one token without spaces or newlines').optional()),
  TEMPORAL_API_KEY_FILE: optionalString,
};

/** The API service may run without Temporal: the same fields with no default address. */
export const optionalTemporalConnectionShape = {
  ...temporalConnectionShape,
  TEMPORAL_ADDRESS: z.preprocess(blankToUndefined, hostPort.optional()),
};

type TemporalEnv = { [K in keyof typeof temporalConnectionShape]?: string };

/** Cross-field rules; each issue names the variable to fix. */
export function temporalConnectionIssues(env: TemporalEnv, ctx: z.RefinementCtx): void {
  const issue = (variable: keyof TemporalEnv, message: string): void => ctx.addIssue({ code: 'custom', path: [variable], message: `${variable}: ${message}` });
  const tlsIssue = tlsFilesIssue({ ca: env.TEMPORAL_TLS_CA, cert: env.TEMPORAL_TLS_CERT, key: env.TEMPORAL_TLS_KEY }, 'client');
  if (tlsIssue) issue(`TEMPORAL_TLS_${tlsIssue[0].toUpperCase()}` as keyof TemporalEnv, tlsIssue[1]);
  if (env.TEMPORAL_API_KEY && env.TEMPORAL_API_KEY_FILE) issue('TEMPORAL_API_KEY_FILE', 'set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both');
  if (env.TEMPORAL_API_KEY_FILE) {
    if (!fs.existsSync(env.TEMPORAL_API_KEY_FILE)) issue('TEMPORAL_API_KEY_FILE', `file not found: ${env.TEMPORAL_API_KEY_FILE}`);
    else if (!/^\S+$/.test(fs.readFileSync(env.TEMPORAL_API_KEY_FILE, 'utf8').trim())) issue('TEMPORAL_API_KEY_FILE', `${env.TEMPORAL_API_KEY_FILE} must hold one token (no spaces inside)`);
  }
  if (env.TEMPORAL_TLS === 'false') {
    const needsTls = (['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY', 'TEMPORAL_API_KEY_FILE'] as const).filter((v) => env[v]);
    if (needsTls.length) issue('TEMPORAL_TLS', `false turns TLS off, but ${needsTls.join(', ')} need${needsTls.length === 1 ? 's' : ''} it (an API key is only sent over TLS)`);
  }
  if (!env.TEMPORAL_ADDRESS) {
    const orphans = (Object.keys(temporalConnectionShape) as (keyof TemporalEnv)[]).filter((v) => v !== 'TEMPORAL_NAMESPACE' && v !== 'TEMPORAL_ADDRESS' && env[v]);
    if (orphans.length) issue('TEMPORAL_ADDRESS', `${orphans.join(', ')} set but no TEMPORAL_ADDRESS to connect to`);
  }
}

/** What a service keeps from its config: paths and flags; the API key only by source. */
export interface TemporalConnectionSettings {
  address: string;
  namespace: string;
  tls?: { ca?: string; cert?: string; key?: string; serverName?: string };
  apiKey?: { env: string } | { file: string };
}

export function temporalConnectionSettings(env: TemporalEnv & { TEMPORAL_ADDRESS: string; TEMPORAL_NAMESPACE: string }): TemporalConnectionSettings {
  const apiKey = env.TEMPORAL_API_KEY ? { env: env.TEMPORAL_API_KEY } : env.TEMPORAL_API_KEY_FILE ? { file: env.TEMPORAL_API_KEY_FILE } : undefined;
  const files = { ca: env.TEMPORAL_TLS_CA, cert: env.TEMPORAL_TLS_CERT, key: env.TEMPORAL_TLS_KEY, serverName: env.TEMPORAL_TLS_SERVER_NAME };
  const tlsOn = env.TEMPORAL_TLS === 'true' || Object.values(files).some(Boolean) || apiKey !== undefined;
  const tls = tlsOn ? (Object.fromEntries(Object.entries(files).filter(([, v]) => v)) as TemporalConnectionSettings['tls']) : undefined;
  return { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
}

/** Options for Connection.connect/lazy and NativeConnection.connect; reads the files now. */
export function temporalConnectionOptions(settings: TemporalConnectionSettings): { address: string; tls?: TLSConfig; apiKey?: string } {
  const options: { address: string; tls?: TLSConfig; apiKey?: string } = { address: settings.address };
  if (settings.tls) {
    const { ca, cert, key, serverName } = settings.tls;
    options.tls = {
      ...(ca ? { serverRootCACertificate: fs.readFileSync(ca) } : {}),
      ...(cert && key ? { clientCertPair: { crt: fs.readFileSync(cert), key: fs.readFileSync(key) } } : {}),
      ...(serverName ? { serverNameOverride: serverName } : {}),
    };
  }
  if (settings.apiKey) options.apiKey = 'env' in settings.apiKey ? settings.apiKey.env : fs.readFileSync(settings.apiKey.file, 'utf8').trim();
  return options;
}

/** For logs: the address and how it is secured, never the key. */
export function describeTemporal(settings: TemporalConnectionSettings): string {
  const how = [settings.tls ? (settings.tls.cert ? 'mTLS' : 'TLS') : 'plaintext', ...(settings.apiKey ? ['API key'] : [])];
  return `${settings.address} (namespace ${settings.namespace}, ${how.join(', ')})`;
}

/** A connection that failed, said with where and how it was tried (never the key). */
export class TemporalConnectError extends Error {
  constructor(settings: TemporalConnectionSettings, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint = settings.tls && !settings.tls.cert ? '; if the server requires client certificates (mTLS), set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY' : '';
    super(`cannot connect to Temporal at ${describeTemporal(settings)}: ${reason}${hint}`, { cause });
    this.name = 'TemporalConnectError';
  }
}

export const isTemporalConnectError = (err: unknown): err is TemporalConnectError => err instanceof TemporalConnectError;

/** Connects with `connect` (Connection.connect or NativeConnection.connect) and the settings' options. */
export async function connectTemporal<T>(settings: TemporalConnectionSettings, connect: (options: ReturnType<typeof temporalConnectionOptions>) => Promise<T>): Promise<T> {
  const options = temporalConnectionOptions(settings);
  try {
    return await connect(options);
  } catch (err) {
    throw new TemporalConnectError(settings, err);
  }
}
