// Dashboard auth: the API service's bearer tokens. Scripts send `Authorization: Bearer <token>`;
// a browser posts the token once to /login and gets an HttpOnly session cookie, so the token
// itself is never stored in the browser nor put in a URL or a log.
//
// The session is a signed, expiring value rather than an entry in process memory: any API replica
// holding the same session key accepts it (prod runs two behind one Service). It names the token
// holder and a fingerprint of the token's configured hash, so removing or rotating a token ends
// its sessions at once, without a revocation list.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { authorizeToken, type TokenEntry } from '../subscriptions/auth';

const COOKIE = 'sfx_session';
const SESSION_MS = 12 * 3600_000;

export interface DashboardSessionsOptions {
  tokens: readonly TokenEntry[];
  /**
   * The HMAC key replicas share (DASHBOARD_SESSION_KEY). Without one a random key is made for this
   * process: sessions then work with one replica and end when it restarts.
   */
  sessionKey?: string;
  /** Adds `Secure`: the dashboard is served over HTTPS (its public URL, or a TLS-terminating proxy). */
  secureCookie: boolean;
  now?: () => number;
}

interface SessionClaims {
  /** Token holder's name. */
  n: string;
  /** Fingerprint of the token entry's hash at login. */
  f: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

const fingerprint = (entry: TokenEntry): string => createHash('sha256').update(entry.hash).digest('base64url').slice(0, 16);

export class DashboardSessions {
  private readonly key: Buffer;
  private readonly now: () => number;

  constructor(private readonly opts: DashboardSessionsOptions) {
    this.key = opts.sessionKey ? Buffer.from(opts.sessionKey, 'utf8') : randomBytes(32);
    this.now = opts.now ?? Date.now;
  }

  /** The token holder's name, or undefined when the request carries no valid credential. */
  check(req: http.IncomingMessage): string | undefined {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      const result = authorizeToken(bearer[1]!, this.opts.tokens, 'read');
      return result.ok ? result.name : undefined;
    }
    const value = cookieValue(req.headers.cookie, COOKIE);
    const claims = value ? this.verify(value) : undefined;
    if (!claims || claims.e < this.now()) return undefined;
    // The token must still be configured, with the same hash, and still grant read.
    const entry = this.opts.tokens.find((t) => t.name === claims.n);
    if (!entry || fingerprint(entry) !== claims.f || !entry.scopes.has('read')) return undefined;
    return entry.name;
  }

  /** Starts a session for a valid token; returns the Set-Cookie header value. */
  login(token: string): string | undefined {
    const result = authorizeToken(token.trim(), this.opts.tokens, 'read');
    if (!result.ok) return undefined;
    const entry = this.opts.tokens.find((t) => t.name === result.name)!;
    const value = this.sign({ n: entry.name, f: fingerprint(entry), e: this.now() + SESSION_MS });
    return `${COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}${this.opts.secureCookie ? '; Secure' : ''}`;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${COOKIE}.${payload}`).digest();
  }

  private sign(claims: SessionClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  private verify(value: string): SessionClaims | undefined {
    const [payload = '', signature = '', ...rest] = value.split('.');
    if (rest.length > 0 || !payload || !signature) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
      return typeof claims.n === 'string' && typeof claims.f === 'string' && typeof claims.e === 'number' ? (claims as SessionClaims) : undefined;
    } catch {
      return undefined;
    }
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
