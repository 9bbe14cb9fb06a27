// gRPC TLS and mTLS for the solver and subscription servers, against real handshakes with
// certificates made by openssl for this test.

import * as grpc from '@grpc/grpc-js';
import { createSubscriptionsClient, authMetadata } from '../../../services/consumer/client';
import { createSolverClient, type SolverClient } from '../../../services/solver/client';
import { parseSolverConfig } from '../../../services/solver/config';
import { startSolverServer, type RunningSolverServer } from '../../../services/solver/server';
import { channelCredentials, type TlsFiles } from '../../../services/tls/grpc-tls';
import { workerConfigSchema } from '../../../services/worker/config';
import { SolverPool } from '../../../services/worker/solver-pool';
import { solverClientFactory } from '../../../services/worker/solver-tls';
import { connectTestServers, type TestServers } from '../harness';
import { startSubscriptionFixture, type SubscriptionFixture } from '../subscriptions/helpers';
import { createTestPki, type TestPki } from './certs';

function info(client: SolverClient): Promise<{ code: grpc.status; name?: string }> {
  return new Promise((resolve) =>
    client.Info({}, { deadline: Date.now() + 5000 }, (err, res) => resolve(err ? { code: err.code } : { code: grpc.status.OK, name: res?.name })),
  );
}

async function solverInfoWith(server: RunningSolverServer, files: TlsFiles | 'insecure'): Promise<grpc.status> {
  const address = server.address.replace('127.0.0.1', 'localhost');
  const client = createSolverClient(address, { credentials: files === 'insecure' ? grpc.credentials.createInsecure() : channelCredentials(files) });
  try {
    return (await info(client)).code;
  } finally {
    client.close();
  }
}

describe('gRPC TLS and mTLS', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = createTestPki();
  });
  afterAll(() => pki?.remove());

  it('config: a certificate without its key, or a missing file, is refused naming the variable', () => {
    expect(() => parseSolverConfig({ SOLVER_TLS_CERT: pki.serverCert })).toThrow(/SOLVER_TLS_KEY/);
    expect(() => parseSolverConfig({ SOLVER_TLS_CERT: pki.serverCert, SOLVER_TLS_KEY: '/nonexistent/key.pem' })).toThrow(/SOLVER_TLS_KEY[\s\S]*file not found/);
    expect(parseSolverConfig({ SOLVER_TLS_CERT: pki.serverCert, SOLVER_TLS_KEY: pki.serverKey }).tls).toEqual({ cert: pki.serverCert, key: pki.serverKey, ca: undefined });
  });

  it('solver with TLS: a client that trusts the CA connects; plaintext and untrusting clients do not', async () => {
    const server = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1, tls: { cert: pki.serverCert, key: pki.serverKey, ca: undefined } });
    try {
      expect(await solverInfoWith(server, { ca: pki.ca })).toBe(grpc.status.OK);
      expect(await solverInfoWith(server, 'insecure')).toBe(grpc.status.UNAVAILABLE);
      expect(await solverInfoWith(server, { ca: pki.rogueCa })).toBe(grpc.status.UNAVAILABLE);
    } finally {
      await server.close();
    }
  });

  it('solver with mTLS: only a client certificate signed by the configured CA gets in', async () => {
    const server = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1, tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca } });
    try {
      expect(await solverInfoWith(server, { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey })).toBe(grpc.status.OK);
      expect(await solverInfoWith(server, { ca: pki.ca })).toBe(grpc.status.UNAVAILABLE);
      expect(await solverInfoWith(server, { ca: pki.ca, cert: pki.rogueCert, key: pki.rogueKey })).toBe(grpc.status.UNAVAILABLE);
    } finally {
      await server.close();
    }
  });

  it("the worker's solver pool reaches an mTLS solver with WORKER_SOLVER_TLS_* and is refused without them", async () => {
    const server = await startSolverServer({ host: '127.0.0.1', port: 0, threads: 1, tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca } });
    const address = server.address.replace('127.0.0.1', 'localhost');
    const base = { S3_ACCESS_KEY: 'unused', S3_SECRET_KEY: 'unused-secret', SOLVER_ADDRESSES: address };
    const withTls = workerConfigSchema.parse({ ...base, WORKER_SOLVER_TLS_CA: pki.ca, WORKER_SOLVER_TLS_CERT: pki.clientCert, WORKER_SOLVER_TLS_KEY: pki.clientKey });
    const good = new SolverPool({ addresses: [address], callTimeoutMs: 5000, createClient: solverClientFactory(withTls) });
    const plain = new SolverPool({ addresses: [address], callTimeoutMs: 2000, createClient: solverClientFactory(workerConfigSchema.parse(base)) });
    try {
      expect((await good.identity()).name).toBeTruthy();
      await expect(Promise.race([plain.identity(), new Promise((_, reject) => setTimeout(() => reject(new Error('no connection')), 3000))])).rejects.toThrow();
      expect(() => workerConfigSchema.parse({ ...base, WORKER_SOLVER_TLS_CERT: pki.clientCert })).toThrow(/WORKER_SOLVER_TLS_KEY/);
    } finally {
      good.close();
      plain.close();
      await server.close();
    }
  });

  describe('subscriptions with mTLS', () => {
    let servers: TestServers;
    let f: SubscriptionFixture;
    beforeAll(async () => {
      servers = connectTestServers();
      f = await startSubscriptionFixture(servers, { SUBSCRIPTIONS_TLS_CERT: pki.serverCert, SUBSCRIPTIONS_TLS_KEY: pki.serverKey, SUBSCRIPTIONS_TLS_CA: pki.ca });
    });
    afterAll(async () => {
      await f?.close();
      await servers?.prisma.$disconnect();
    });

    const list = (files: TlsFiles | 'insecure', token: string): Promise<grpc.status> => {
      const client = createSubscriptionsClient(f.server.address.replace('127.0.0.1', 'localhost'), {
        credentials: files === 'insecure' ? grpc.credentials.createInsecure() : channelCredentials(files),
      });
      return new Promise((resolve) =>
        client.ListCampaigns({ pageSize: 1 }, authMetadata(token), { deadline: Date.now() + 5000 }, (err) => {
          client.close();
          resolve(err ? err.code : grpc.status.OK);
        }),
      );
    };

    it('needs both the client certificate and the token', async () => {
      const good = { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey };
      expect(await list(good, f.token)).toBe(grpc.status.OK);
      expect(await list(good, 'sfx_not-a-token')).toBe(grpc.status.UNAUTHENTICATED);
      expect(await list({ ca: pki.ca }, f.token)).toBe(grpc.status.UNAVAILABLE);
      expect(await list('insecure', f.token)).toBe(grpc.status.UNAVAILABLE);
    });
  });
});
