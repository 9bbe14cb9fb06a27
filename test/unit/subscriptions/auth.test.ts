import { Metadata, status } from '@grpc/grpc-js';
import { authorize, hashToken, newToken, parseTokenEntries } from '../../../services/subscriptions/auth';
import { parseSubscriptionsConfig } from '../../../services/subscriptions/config';
import { checkFilter, checkPage, encodePageToken, parseCursor } from '../../../services/subscriptions/validate';
import { backoffDelay, isRetryable } from '../../../services/consumer/backoff';

const bearer = (token: string): Metadata => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
};

describe('subscription tokens', () => {
  const reader = newToken('reader');
  const parsed = parseTokenEntries(reader.entry);
  const tokens = parsed.ok ? parsed.entries : [];

  it('config holds only the hash, and the token authenticates', () => {
    expect(reader.entry).toBe(`reader:${hashToken(reader.token)}:read`);
    expect(reader.entry).not.toContain(reader.token);
    expect(authorize(bearer(reader.token), tokens, 'read')).toEqual({ ok: true, name: 'reader', scopes: new Set(['read']) });
  });

  it('missing or wrong tokens are UNAUTHENTICATED', () => {
    expect(authorize(new Metadata(), tokens, 'read')).toMatchObject({ ok: false, code: status.UNAUTHENTICATED });
    expect(authorize(bearer('nope'), tokens, 'read')).toMatchObject({ ok: false, code: status.UNAUTHENTICATED });
  });

  it('rejects malformed entries, naming the entry but never echoing a hash', () => {
    expect(parseTokenEntries('a:123:read')).toMatchObject({ ok: false, error: expect.stringContaining("entry 1 ('a')") });
    expect(parseTokenEntries(`a:${'0'.repeat(64)}:write`)).toMatchObject({ ok: false, error: expect.stringContaining('scopes') });
    expect(parseTokenEntries('')).toMatchObject({ ok: false });
  });
});

describe('subscription config', () => {
  const base = { S3_ACCESS_KEY: 'key', S3_SECRET_KEY: 'secret-key', SUBSCRIPTIONS_TOKENS: newToken('x').entry };
  it('has defaults for everything but the credentials and tokens', () => {
    expect(parseSubscriptionsConfig(base)).toMatchObject({ host: '127.0.0.1', port: 50070, maxBuffered: 256, pageSize: 500, pollMs: 10_000 });
  });
  it('names the field that is wrong', () => {
    expect(() => parseSubscriptionsConfig({ ...base, SUBSCRIPTIONS_TOKENS: 'bad' })).toThrow(/SUBSCRIPTIONS_TOKENS/);
    expect(() => parseSubscriptionsConfig({ ...base, SUBSCRIPTIONS_TOKENS: undefined })).toThrow(/SUBSCRIPTIONS_TOKENS/);
    expect(() => parseSubscriptionsConfig({ ...base, SUBSCRIPTIONS_MAX_BUFFERED: '0' })).toThrow(/SUBSCRIPTIONS_MAX_BUFFERED/);
    expect(() => parseSubscriptionsConfig({ ...base, DASHBOARD_SESSION_KEY: 'short' })).toThrow(/DASHBOARD_SESSION_KEY must be at least 32 characters/);
    expect(() => parseSubscriptionsConfig({ ...base, DASHBOARD_PUBLIC_URL: 'ftp://ops.example.com' })).toThrow(/DASHBOARD_PUBLIC_URL must be an http/);
  });
  it('reads the dashboard session key and public URL, both optional', () => {
    expect(parseSubscriptionsConfig(base)).toMatchObject({ dashboardSessionKey: undefined, dashboardPublicUrl: undefined });
    const key = 'a'.repeat(48);
    expect(parseSubscriptionsConfig({ ...base, DASHBOARD_SESSION_KEY: key, DASHBOARD_PUBLIC_URL: 'https://ops.example.com/' })).toMatchObject({ dashboardSessionKey: key, dashboardPublicUrl: 'https://ops.example.com/' });
  });
});

describe('request validation', () => {
  it('parses cursors', () => {
    expect(parseCursor('')).toEqual({ ok: true, value: 0n });
    expect(parseCursor('42')).toEqual({ ok: true, value: 42n });
    expect(parseCursor('4x')).toMatchObject({ ok: false, field: 'after_cursor' });
    expect(parseCursor('9223372036854775808')).toMatchObject({ ok: false, field: 'after_cursor' });
  });
  it('checks filters and pages', () => {
    expect(checkFilter({ campaignIds: ['a-1', 'b'] })).toEqual({ ok: true, value: ['a-1', 'b'] });
    expect(checkFilter({ campaignIds: ['a', 'a/b'] })).toMatchObject({ ok: false, field: 'filter.campaign_ids[1]' });
    const token = encodePageToken({ createdAt: new Date(0), id: 'x' });
    expect(checkPage({ pageSize: 0, pageToken: token })).toEqual({ ok: true, value: { size: 50, after: { createdAt: new Date(0), id: 'x' } } });
  });
});

describe('consumer reconnect policy', () => {
  it('backs off exponentially with jitter up to the ceiling', () => {
    expect(backoffDelay(0, { initialMs: 100, maxMs: 1000 }, () => 0)).toBe(50);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1000 }, () => 1)).toBe(800);
    expect(backoffDelay(30, { initialMs: 100, maxMs: 1000 }, () => 1)).toBe(1000);
  });
  it('does not retry requests the service refused', () => {
    expect(isRetryable({ code: status.UNAVAILABLE })).toBe(true);
    expect(isRetryable({ code: status.UNAUTHENTICATED })).toBe(false);
    expect(isRetryable({ code: status.INVALID_ARGUMENT })).toBe(false);
    expect(isRetryable(new Error('socket hang up'))).toBe(true);
  });
});
