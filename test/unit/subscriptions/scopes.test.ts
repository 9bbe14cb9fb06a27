import { Metadata, status } from '@grpc/grpc-js';
import { authorize, grantedScopes, newToken, parseTokenEntries, SCOPES } from '../../../services/subscriptions/auth';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateStackToken, STACK_TOKEN_SCOPES } from '../../../services/stack/stack-token';

const bearer = (token: string): Metadata => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
};

describe('token scopes', () => {
  const reader = newToken('reader', ['read']);
  const submitter = newToken('submitter', ['submit']);
  const admin = newToken('admin', ['admin']);
  const parsed = parseTokenEntries([reader.entry, submitter.entry, admin.entry].join(','));
  const tokens = parsed.ok ? parsed.entries : [];

  it('knows read, submit and admin, and admin implies submit implies read', () => {
    expect(SCOPES).toEqual(['read', 'submit', 'admin']);
    expect([...grantedScopes(['read'])].sort()).toEqual(['read']);
    expect([...grantedScopes(['submit'])].sort()).toEqual(['read', 'submit']);
    expect([...grantedScopes(['admin'])].sort()).toEqual(['admin', 'read', 'submit']);
  });

  it.each([
    ['reader', reader.token, { read: true, submit: false, admin: false }],
    ['submitter', submitter.token, { read: true, submit: true, admin: false }],
    ['admin', admin.token, { read: true, submit: true, admin: true }],
  ] as const)('%s: allowed where its scopes reach, PERMISSION_DENIED elsewhere', (name, token, allowed) => {
    for (const scope of SCOPES) {
      const result = authorize(bearer(token), tokens, scope);
      if (allowed[scope]) expect(result).toEqual({ ok: true, name, scopes: new Set(SCOPES.filter((s) => allowed[s])) });
      else expect(result).toEqual({ ok: false, code: status.PERMISSION_DENIED, details: `token '${name}' lacks the '${scope}' scope` });
    }
  });

  it("refuses a token named 'local': it is the owner of campaigns submitted with direct catalog access", () => {
    expect(parseTokenEntries(newToken('local', ['submit']).entry)).toEqual({
      ok: false,
      error: "entry 1 ('local'): the name 'local' is reserved for campaigns submitted with direct catalog access; choose another",
    });
  });

  it('parses several scopes joined by +, and refuses unknown ones', () => {
    const both = parseTokenEntries(newToken('x', ['read', 'submit']).entry);
    expect(both.ok && [...both.entries[0]!.scopes].sort()).toEqual(['read', 'submit']);
    expect(parseTokenEntries(`a:${'0'.repeat(64)}:read+write`)).toMatchObject({ ok: false, error: expect.stringContaining('read, submit, admin') });
  });

  it('the embedded stack token holds every scope, when created and when read back', () => {
    expect(STACK_TOKEN_SCOPES).toEqual(['read', 'submit', 'admin']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-stack-token-'));
    try {
      const created = loadOrCreateStackToken(dir);
      const reread = loadOrCreateStackToken(dir);
      expect(reread).toEqual(created);
      expect(created.entry).toMatch(/^stack:[0-9a-f]{64}:read\+submit\+admin$/);
      const parsed = parseTokenEntries(created.entry);
      const stack = parsed.ok ? parsed.entries : [];
      for (const scope of SCOPES) expect(authorize(bearer(created.token), stack, scope)).toEqual({ ok: true, name: 'stack', scopes: new Set(SCOPES) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
