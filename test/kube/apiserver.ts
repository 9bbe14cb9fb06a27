// A real kube-apiserver on loopback for tests: kine (etcd API over SQLite) as its store, RBAC
// authorization, a generated service-account signing key and a random admin token. The serving
// certificate is the one kube-apiserver generates itself in --cert-dir (a self-signed CA plus a
// cert for localhost and the advertise address 127.0.0.1); clients trust that file.

import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { freePort, poll, startDetached, tcpReachable } from '../../services/stack/process';

const HOST = '127.0.0.1';

export interface RunningKubeApiServer {
  url: string;
  /** The serving certificate chain, to trust as CA. */
  caFile: string;
  /** Bearer token of a system:masters user (a test-only random value, never logged). */
  adminToken: string;
}

export async function startKubeApiServer(opts: { runDir: string; kubeApiserver: string; kine: string; timeoutMs?: number }): Promise<RunningKubeApiServer> {
  const dir = path.join(opts.runDir, 'kube');
  const certDir = path.join(dir, 'certs');
  fs.mkdirSync(certDir, { recursive: true, mode: 0o700 });
  const [kinePort, port] = await Promise.all([freePort(), freePort()]);

  startDetached({
    name: 'kine',
    command: opts.kine,
    args: [
      '--listen-address', `${HOST}:${kinePort}`,
      '--metrics-bind-address', '0', // no metrics listener
      '--endpoint', `sqlite://${path.join(dir, 'kine.db')}?_journal=WAL&cache=shared&_busy_timeout=30000`,
    ],
    runDir: opts.runDir,
  });
  await poll({ label: `kine at ${HOST}:${kinePort}`, timeoutMs: 30_000, check: () => tcpReachable(HOST, kinePort) });

  const adminToken = crypto.randomBytes(24).toString('hex');
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, `${adminToken},synthflux-test-admin,synthflux-test-admin,"system:masters"\n`, { mode: 0o600 });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const saPub = path.join(dir, 'sa.pub');
  const saKey = path.join(dir, 'sa.key');
  fs.writeFileSync(saPub, publicKey);
  fs.writeFileSync(saKey, privateKey, { mode: 0o600 });

  startDetached({
    name: 'kube-apiserver',
    command: opts.kubeApiserver,
    args: [
      `--etcd-servers=http://${HOST}:${kinePort}`,
      `--bind-address=${HOST}`,
      `--advertise-address=${HOST}`,
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=RBAC',
      `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // Loopback is not a valid endpoint address: don't maintain the `kubernetes` Service's endpoints.
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      '--v=0',
    ],
    runDir: opts.runDir,
  });
  const url = `https://${HOST}:${port}`;
  const caFile = path.join(certDir, 'apiserver.crt');
  await poll({
    label: `kube-apiserver at ${url} (log: ${path.join(opts.runDir, 'logs', 'kube-apiserver.log')})`,
    timeoutMs: opts.timeoutMs ?? 180_000,
    intervalMs: 500,
    check: async () => fs.existsSync(caFile) && (await readyz(url, caFile, adminToken)),
  });
  return { url, caFile, adminToken };
}

/** GET /readyz: true once every post-start hook (RBAC bootstrap roles included) has run. */
function readyz(url: string, caFile: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(`${url}/readyz`, { ca: fs.readFileSync(caFile), headers: { Authorization: `Bearer ${token}` }, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}
