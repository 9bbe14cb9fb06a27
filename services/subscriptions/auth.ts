// Bearer tokens with scopes. The service stores only sha256 hashes of tokens: a leaked config or
// log shows no usable secret. Tokens are 32 random bytes, so a fast unsalted hash is enough (there
// is nothing to brute-force, unlike a password).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import { LOCAL_PRINCIPAL } from '../catalog/campaigns';

/**
 * Scopes are ordered: `admin` implies `submit`, which implies `read`. read = the subscription and
 * catalog read API; submit = start and steer campaigns (submit, pause, resume, cancel, retry
 * failed); admin = change a running campaign's resource limits (and later administrative calls).
 */
export type Scope = 'read' | 'submit' | 'admin';
export const SCOPES: readonly Scope[] = ['read', 'submit', 'admin'];

const IMPLIED: Record<Scope, readonly Scope[]> = { read: ['read'], submit: ['submit', 'read'], admin: ['admin', 'submit', 'read'] };

/** The scopes a token's listed scopes grant, implied ones included. */
export const grantedScopes = (listed: Iterable<Scope>): ReadonlySet<Scope> => new Set([...listed].flatMap((s) => IMPLIED[s]));

export interface TokenEntry {
  /** Who holds the token; the only thing logs may show. */
  name: string;
  hash: Buffer;
  /** Granted scopes, implied ones included (an `admin` entry holds read, submit and admin). */
  scopes: ReadonlySet<Scope>;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new random token and the config entry that accepts it. */
export function newToken(name: string, scopes: readonly Scope[] = ['read']): { token: string; entry: string } {
  const token = `sfx_${randomBytes(32).toString('base64url')}`;
  return { token, entry: `${name}:${hashToken(token)}:${scopes.join('+')}` };
}

/** Parses `name:sha256hex:scope+scope,...`; the error names the entry by position and name only. */
export function parseTokenEntries(text: string): { ok: true; entries: TokenEntry[] } | { ok: false; error: string } {
  const entries: TokenEntry[] = [];
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'no token entries (expected name:sha256hex:read,...)' };
  for (const [i, part] of parts.entries()) {
    const [name = '', hash = '', scopes = '', ...rest] = part.split(':');
    const where = `entry ${i + 1}${/^[A-Za-z0-9_.-]{1,64}$/.test(name) ? ` ('${name}')` : ''}`;
    if (rest.length > 0 || !/^[A-Za-z0-9_.-]{1,64}$/.test(name)) return { ok: false, error: `${where}: expected name:sha256hex:scopes with a name of [A-Za-z0-9_.-]` };
    if (name === LOCAL_PRINCIPAL) return { ok: false, error: `${where}: the name '${LOCAL_PRINCIPAL}' is reserved for campaigns submitted with direct catalog access; choose another` };
    if (!/^[0-9a-f]{64}$/.test(hash)) return { ok: false, error: `${where}: the hash must be 64 lowercase hex digits (sha256 of the token)` };
    const list = scopes.split('+').filter(Boolean);
    const unknown = list.filter((s) => !SCOPES.includes(s as Scope));
    if (list.length === 0 || unknown.length > 0) return { ok: false, error: `${where}: scopes must be one or more of ${SCOPES.join(', ')} joined by '+'` };
    entries.push({ name, hash: Buffer.from(hash, 'hex'), scopes: grantedScopes(list as Scope[]) });
  }
  return { ok: true, entries };
}

export type AuthResult = { ok: true; name: string; scopes: ReadonlySet<Scope> } | { ok: false; code: status; details: string };

/**
 * Checks the `authorization: Bearer <token>` metadata. Every configured hash is compared in
 * constant time, so the time taken says nothing about which token came close.
 */
export function authorize(metadata: Metadata, tokens: readonly TokenEntry[], scope: Scope): AuthResult {
  const header = metadata.get('authorization')[0];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) return { ok: false, code: status.UNAUTHENTICATED, details: "missing bearer token: send metadata 'authorization: Bearer <token>'" };
  return authorizeToken(match[1]!, tokens, scope);
}

/** Checks a presented token (from gRPC metadata, an HTTP header or a dashboard login). */
export function authorizeToken(token: string, tokens: readonly TokenEntry[], scope: Scope): AuthResult {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let found: TokenEntry | undefined;
  for (const entry of tokens) if (timingSafeEqual(entry.hash, presented)) found ??= entry;
  if (!found) return { ok: false, code: status.UNAUTHENTICATED, details: 'invalid bearer token' };
  if (!found.scopes.has(scope)) return { ok: false, code: status.PERMISSION_DENIED, details: `token '${found.name}' lacks the '${scope}' scope` };
  return { ok: true, name: found.name, scopes: found.scopes };
}
