// The dashboard's HTTP server, mounted by the API (subscriptions) service beside its gRPC port.
// JSON endpoints under /api, polled by the browser app for live updates.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type * as Minio from 'minio';
import type { PrismaClient } from '../catalog/client';
import type { TokenEntry } from '../subscriptions/auth';
import { DashboardSessions } from './auth';
import { dashboardBundle } from './bundle';
import { campaignDetail, campaignSummaries, mlOutputKey } from './data';
import { signalMaps } from './maps';
import { appPage, loginPage } from './pages';
import { poolFromWorkerMetrics, type PoolView } from './pool';
import { ML_OUTPUT_TYPES } from './refinement-view';

// A job's report page may show its own images and inline styles; it runs no script and loads nothing else.
const REPORT_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

export interface DashboardOptions {
  host: string;
  port: number;
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
  tokens: readonly TokenEntry[];
  temporal?: Client;
  temporalUiUrl: string;
  namespace: string;
  /** The worker's /metrics URLs, read for the solver pool's size and utilisation. */
  workerMetricsUrls: readonly string[];
  /** Shared by the API replicas so each accepts the others' sessions; random per process when absent. */
  sessionKey?: string;
  /** Where users open the dashboard (behind an ingress); an https:// URL makes the cookie Secure. */
  publicUrl?: string;
  log: (message: string) => void;
}

export interface RunningDashboard {
  port: number;
  url: string;
  close: () => Promise<void>;
}

type Handler = (match: RegExpExecArray, res: http.ServerResponse) => Promise<void>;

export async function startDashboard(opts: DashboardOptions): Promise<RunningDashboard> {
  const sessions = new DashboardSessions({ tokens: opts.tokens, sessionKey: opts.sessionKey, secureCookie: opts.publicUrl?.startsWith('https://') ?? false });
  const deps = { prisma: opts.prisma, temporal: opts.temporal, temporalHealth: { downUntil: 0 } };
  const json = (res: http.ServerResponse, body: unknown, code = 200): void => {
    res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  const routes: [RegExp, Handler][] = [
    [/^\/api\/campaigns$/, async (_m, res) => json(res, await campaignSummaries(deps))],
    [/^\/api\/pool$/, async (_m, res) => json(res, (await poolFromWorkerMetrics(opts.workerMetricsUrls)) satisfies PoolView)],
    [/^\/api\/campaigns\/([\w.-]+)$/, async (m, res) => {
      const found = await opts.prisma.campaign.findUnique({ where: { id: m[1]! }, select: { id: true } });
      if (!found) return json(res, { error: 'campaign not found' }, 404);
      json(res, await campaignDetail(deps, m[1]!));
    }],
    [/^\/api\/campaigns\/([\w.-]+)\/maps\/(\d+)$/, async (m, res) => {
      const maps = await signalMaps({ prisma: opts.prisma, s3: opts.s3, bucket: opts.bucket }, m[1]!, Number(m[2]));
      if (!maps) return json(res, { error: 'simulation not found' }, 404);
      json(res, maps);
    }],
    // A gap check's report.html, tsne.png, maps_grid.png: relative links in the report resolve here too.
    [/^\/api\/campaigns\/([\w.-]+)\/ml\/([\w.-]+)\/([\w.-]+)$/, async (m, res) => {
      const key = await mlOutputKey(opts.prisma, m[1]!, m[2]!, m[3]!);
      if (!key) return json(res, { error: 'report file not found' }, 404);
      const stream = await opts.s3.getObject(opts.bucket, key).catch((err: unknown) => {
        if ((err as { code?: string }).code === 'NoSuchKey') return undefined;
        throw err;
      });
      if (!stream) return json(res, { error: 'report file not found in object storage' }, 404);
      const type = ML_OUTPUT_TYPES[m[3]!.slice(m[3]!.lastIndexOf('.') + 1)]!;
      res.writeHead(200, { 'content-type': type, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff', ...(type.startsWith('text/html') ? { 'content-security-policy': REPORT_POLICY } : {}) });
      stream.pipe(res);
    }],
    [/^\/app\.js$/, async (_m, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(await dashboardBundle())],
    [/^\/$/, async (_m, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(appPage(opts.temporalUiUrl, opts.namespace))],
  ];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    if (url.pathname === '/healthz') return void res.writeHead(200).end('ok\n');
    if (url.pathname === '/login') return login(req, res, sessions);
    if (!sessions.check(req)) {
      if (url.pathname.startsWith('/api/')) return json(res, { error: 'unauthenticated: sign in at /login or send Authorization: Bearer <token>' }, 401);
      return void res.writeHead(303, { location: '/login' }).end();
    }
    if (req.method !== 'GET') return json(res, { error: 'method not allowed' }, 405);
    for (const [pattern, handler] of routes) {
      const match = pattern.exec(url.pathname);
      if (match) return handler(match, res);
    }
    json(res, { error: 'not found' }, 404);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // The path only: query strings and headers could carry credentials.
      opts.log(`dashboard ${req.method} ${(req.url ?? '').split('?')[0]} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) json(res, { error: 'internal error' }, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  // Warm the bundle so the first page view does not wait for esbuild.
  dashboardBundle().catch((err: unknown) => opts.log(`dashboard bundle failed: ${String(err)}`));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function login(req: http.IncomingMessage, res: http.ServerResponse, sessions: DashboardSessions): Promise<void> {
  if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(false));
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) return void res.writeHead(413).end();
  }
  const cookie = sessions.login(new URLSearchParams(body).get('token') ?? '');
  if (!cookie) return void res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(true));
  res.writeHead(303, { location: '/', 'set-cookie': cookie }).end();
}
