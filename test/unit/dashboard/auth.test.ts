// Dashboard sessions are signed values any replica with the same key accepts; pure logic, so the
// requests here are plain objects with the headers a browser sends.

import type http from 'node:http';
import { DashboardSessions } from '../../../services/dashboard/auth';
import { newToken, parseTokenEntries, type TokenEntry } from '../../../services/subscriptions/auth';

const entries = (...lines: string[]): TokenEntry[] => {
  const parsed = parseTokenEntries(lines.join(','));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.entries;
};
const request = (headers: http.IncomingHttpHeaders): http.IncomingMessage => ({ headers }) as http.IncomingMessage;
const withCookie = (setCookie: string): http.IncomingMessage => request({ cookie: `other=1; ${setCookie.split(';')[0]}` });

const KEY = 'k'.repeat(16) + 'session-key-shared-by-replicas';
const ops = newToken('ops');
const writer = newToken('writer', ['submit']);

describe('dashboard sessions', () => {
  it('accepts a session started on another replica with the same key', () => {
    const tokens = entries(ops.entry, writer.entry);
    const replicaA = new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false });
    const replicaB = new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false });
    const cookie = replicaA.login(ops.token)!;
    expect(cookie).toMatch(/^sfx_session=[\w-]+\.[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    expect(replicaB.check(withCookie(cookie))).toBe('ops');
    // The cookie holds no token.
    expect(cookie).not.toContain(ops.token);
  });

  it('refuses a session signed with another key, or tampered with', () => {
    const tokens = entries(ops.entry, writer.entry);
    const cookie = new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false }).login(writer.token)!;
    expect(new DashboardSessions({ tokens, sessionKey: 'x'.repeat(40), secureCookie: false }).check(withCookie(cookie))).toBeUndefined();
    // Without a configured key each process makes its own: a second one does not accept the first's sessions.
    const keyless = new DashboardSessions({ tokens, secureCookie: false });
    expect(keyless.check(withCookie(keyless.login(ops.token)!))).toBe('ops');
    expect(new DashboardSessions({ tokens, secureCookie: false }).check(withCookie(keyless.login(ops.token)!))).toBeUndefined();
    // Claiming another holder's name breaks the signature.
    const [value] = cookie.split(';');
    const [payload, signature] = value!.slice('sfx_session='.length).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('"writer"', '"ops"')).toString('base64url');
    expect(new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false }).check(request({ cookie: `sfx_session=${forged}.${signature}` }))).toBeUndefined();
  });

  it('ends sessions when they expire or when their token is removed or rotated', () => {
    let now = Date.UTC(2026, 11, 2, 12);
    const tokens = entries(ops.entry, writer.entry);
    const sessions = new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false, now: () => now });
    const cookie = sessions.login(ops.token)!;
    now += 11 * 3600_000;
    expect(sessions.check(withCookie(cookie))).toBe('ops');
    now += 2 * 3600_000;
    expect(sessions.check(withCookie(cookie))).toBeUndefined();

    const fresh = sessions.login(ops.token)!;
    const rotated = newToken('ops');
    expect(new DashboardSessions({ tokens: entries(rotated.entry, writer.entry), sessionKey: KEY, secureCookie: false, now: () => now }).check(withCookie(fresh))).toBeUndefined();
    expect(new DashboardSessions({ tokens: entries(writer.entry), sessionKey: KEY, secureCookie: false, now: () => now }).check(withCookie(fresh))).toBeUndefined();
  });

  it('marks the cookie Secure when the dashboard is served over HTTPS', () => {
    const tokens = entries(ops.entry);
    expect(new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: true }).login(ops.token)).toMatch(/; Secure$/);
    expect(new DashboardSessions({ tokens, sessionKey: KEY, secureCookie: false }).login(ops.token)).not.toMatch(/Secure/);
  });

  it('accepts bearer tokens and refuses unknown ones', () => {
    const sessions = new DashboardSessions({ tokens: entries(ops.entry), sessionKey: KEY, secureCookie: false });
    expect(sessions.check(request({ authorization: `Bearer ${ops.token}` }))).toBe('ops');
    expect(sessions.check(request({ authorization: `Bearer ${writer.token}` }))).toBeUndefined();
    expect(sessions.login(writer.token)).toBeUndefined();
    expect(sessions.check(request({ cookie: 'sfx_session=garbage' }))).toBeUndefined();
  });
});
