// The Temporal connection settings every service shares: from the environment to the options
// Connection and NativeConnection take, and the errors that name the variable to fix.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliConfigSchema } from '../../../services/cli/context';
import { parseSubscriptionsConfig } from '../../../services/subscriptions/config';
import { connectTemporal, describeTemporal, isTemporalConnectError, temporalConnectionOptions, temporalConnectionSettings } from '../../../services/temporal/connection';
import { parseWorkerConfig } from '../../../services/worker/config';

const s3 = { S3_ACCESS_KEY: 'test-access', S3_SECRET_KEY: 'test-secret' };
const apiTokens = { SUBSCRIPTIONS_TOKENS: `ops:${'0'.repeat(64)}:read` };
const apiKey = 'tmprl-key.abc123-DO-NOT-LOG';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return String(err instanceof Error ? err.message : err);
  }
  throw new Error('expected an error');
}

describe('Temporal connection settings', () => {
  let dir: string;
  const file = (name: string, content: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-temporal-settings-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults to plaintext on 127.0.0.1:7233 for the worker and the CLI', () => {
    const worker = parseWorkerConfig({ ...s3 });
    expect(worker.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default' });
    expect(temporalConnectionOptions(worker.temporal)).toEqual({ address: '127.0.0.1:7233' });
    expect(describeTemporal(worker.temporal)).toBe('127.0.0.1:7233 (namespace default, plaintext)');
    const cli = cliConfigSchema.parse({});
    expect(temporalConnectionSettings(cli)).toEqual(worker.temporal);
  });

  it('puts an API key into the options, with TLS on, and never into what is logged', () => {
    const worker = parseWorkerConfig({ ...s3, TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', TEMPORAL_API_KEY: apiKey });
    expect(temporalConnectionOptions(worker.temporal)).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: {}, apiKey });
    expect(describeTemporal(worker.temporal)).toBe('ns.acct.tmprl.cloud:7233 (namespace ns.acct, TLS, API key)');
    expect(describeTemporal(worker.temporal)).not.toContain(apiKey);
  });

  it('reads the API key from a file (a mounted Secret), trimmed, when the connection is built', () => {
    const keyFile = file('api-key', `${apiKey}\n`);
    const cli = cliConfigSchema.parse({ TEMPORAL_ADDRESS: 'temporal.example.com:7233', TEMPORAL_API_KEY_FILE: keyFile });
    const settings = temporalConnectionSettings(cli);
    expect(settings.apiKey).toEqual({ file: keyFile });
    expect(JSON.stringify(settings)).not.toContain(apiKey);
    expect(temporalConnectionOptions(settings).apiKey).toBe(apiKey);
  });

  it('reads the CA, the client certificate pair and the server name for mTLS', () => {
    const ca = file('ca.pem', 'CA PEM');
    const cert = file('client.pem', 'CERT PEM');
    const key = file('client.key', 'KEY PEM');
    const worker = parseWorkerConfig({ ...s3, TEMPORAL_ADDRESS: '10.0.0.5:7233', TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    const options = temporalConnectionOptions(worker.temporal);
    expect(options.address).toBe('10.0.0.5:7233');
    expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toBe('CA PEM');
    expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toBe('CERT PEM');
    expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toBe('KEY PEM');
    expect(options.tls!.serverNameOverride).toBe('temporal.internal');
    expect(options.apiKey).toBeUndefined();
    expect(describeTemporal(worker.temporal)).toContain('mTLS');
    // TEMPORAL_TLS=true alone: TLS against the system's roots.
    expect(temporalConnectionOptions(parseWorkerConfig({ ...s3, TEMPORAL_TLS: 'true' }).temporal).tls).toEqual({});
  });

  it('names the variable to fix, and never echoes the key', () => {
    const cert = file('only-cert.pem', 'CERT PEM');
    expect(errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_TLS_CERT: cert }))).toMatch(/TEMPORAL_TLS_KEY: a certificate needs its private key/);
    expect(errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_TLS_KEY: cert }))).toMatch(/TEMPORAL_TLS_CERT: a private key needs its certificate/);
    expect(errorOf(() => cliConfigSchema.parse({ TEMPORAL_TLS_CA: path.join(dir, 'missing.pem') }))).toMatch(/TEMPORAL_TLS_CA: file not found/);
    expect(errorOf(() => cliConfigSchema.parse({ TEMPORAL_API_KEY_FILE: path.join(dir, 'missing-key') }))).toMatch(/TEMPORAL_API_KEY_FILE: file not found/);
    expect(errorOf(() => cliConfigSchema.parse({ TEMPORAL_API_KEY: apiKey, TEMPORAL_API_KEY_FILE: file('k2', apiKey) }))).toMatch(/set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both/);
    expect(errorOf(() => cliConfigSchema.parse({ TEMPORAL_API_KEY_FILE: file('k3', 'two words') }))).toMatch(/TEMPORAL_API_KEY_FILE: .* must hold one token/);
    const tlsOff = errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: apiKey }));
    expect(tlsOff).toMatch(/TEMPORAL_TLS: false turns TLS off, but TEMPORAL_API_KEY needs it/);
    expect(tlsOff).not.toContain(apiKey);
    const spaced = errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_API_KEY: `${apiKey} trailing` }));
    expect(spaced).toMatch(/TEMPORAL_API_KEY must be one token/);
    expect(spaced).not.toContain(apiKey);
    expect(errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_TLS: 'yes' }))).toMatch(/TEMPORAL_TLS must be true or false/);
    expect(errorOf(() => parseWorkerConfig({ ...s3, TEMPORAL_ADDRESS: 'temporal' }))).toMatch(/TEMPORAL_ADDRESS must be host:port/);
  });

  it('the API service: no address means no Temporal; TLS settings without an address are a mistake', () => {
    expect(parseSubscriptionsConfig({ ...s3, ...apiTokens }).temporal).toEqual({ connection: undefined, namespace: 'default', uiUrl: 'http://127.0.0.1:8233' });
    const api = parseSubscriptionsConfig({ ...s3, ...apiTokens, TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'prod', TEMPORAL_API_KEY: apiKey });
    expect(temporalConnectionOptions(api.temporal.connection!)).toEqual({ address: 'temporal:7233', tls: {}, apiKey });
    expect(api.temporal.connection!.namespace).toBe('prod');
    expect(errorOf(() => parseSubscriptionsConfig({ ...s3, ...apiTokens, TEMPORAL_API_KEY: apiKey }))).toMatch(/TEMPORAL_ADDRESS: TEMPORAL_API_KEY set but no TEMPORAL_ADDRESS/);
  });

  it('a refused connection says where and how it was tried, with the mTLS hint, and not the key', async () => {
    const ca = file('ca-only.pem', 'CA PEM');
    const settings = parseWorkerConfig({ ...s3, TEMPORAL_ADDRESS: 'temporal.example.com:7233', TEMPORAL_TLS_CA: ca, TEMPORAL_API_KEY: apiKey }).temporal;
    const err = await connectTemporal(settings, async (options) => {
      expect(options.apiKey).toBe(apiKey);
      throw new Error('14 UNAVAILABLE: certificate required');
    }).catch((e: unknown) => e);
    expect(isTemporalConnectError(err)).toBe(true);
    const message = (err as Error).message;
    expect(message).toBe(
      'cannot connect to Temporal at temporal.example.com:7233 (namespace default, TLS, API key): 14 UNAVAILABLE: certificate required; ' +
        'if the server requires client certificates (mTLS), set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY',
    );
    expect(message).not.toContain(apiKey);
  });
});
