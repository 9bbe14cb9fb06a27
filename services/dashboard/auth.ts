// Dashboard auth: the API service's bearer tokens. Scripts send `Authorization: Bearer <token>`;
// a browser posts the token once to /login and gets an HttpOnly session cookie holding a random
// session id, so the token itself is never stored in the browser nor put in a URL or a log.

import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { authorizeToken, type TokenEntry } from '../subscriptions/auth';

const COOKIE = 'sfx_session';
const SESSION_MS = 12 * 3600_000;

export class DashboardSessions {
  private readonly sessions = new Map<string, { name: string; expires: number }>();
  constructor(private readonly tokens: readonly TokenEntry[]) {}

  /** The token holder's name, or undefined when the request carries no valid credential. */
  check(req: http.IncomingMessage): string | undefined {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      const result = authorizeToken(bearer[1]!, this.tokens, 'read');
      return result.ok ? result.name : undefined;
    }
    const id = cookieValue(req.headers.cookie, COOKIE);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || session.expires < Date.now()) return undefined;
    return session.name;
  }

  /** Starts a session for a valid token; returns the Set-Cookie header value. */
  login(token: string): string | undefined {
    const result = authorizeToken(token.trim(), this.tokens, 'read');
    if (!result.ok) return undefined;
    const now = Date.now();
    for (const [k, s] of this.sessions) if (s.expires < now) this.sessions.delete(k);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { name: result.name, expires: now + SESSION_MS });
    return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
