// The subscription service's one config schema, read from the environment inside main().

import { z } from 'zod';
import { s3ConfigSchema } from '../store/s3';
import { optionalTemporalConnectionShape, temporalConnectionIssues, temporalConnectionSettings } from '../temporal/connection';
import { pemPath, tlsFilesIssue } from '../tls/grpc-tls';
import { parseTokenEntries, type TokenEntry } from './auth';

// An unset or empty variable means "use the default"; coerce would turn "" into 0.
const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const envInt = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

export const subscriptionsConfigSchema = s3ConfigSchema
  .extend({
    SUBSCRIPTIONS_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
    // 0 asks the OS for a free port; main() prints the real one.
    SUBSCRIPTIONS_PORT: envInt(0, 65535, 50070),
    DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/synthflux'),
    // Comma-separated `name:sha256hex:scope+scope`; the tokens themselves are never configured here.
    SUBSCRIPTIONS_TOKENS: z.string({ message: 'SUBSCRIPTIONS_TOKENS is required (name:sha256hex:read,...)' }).min(1, 'SUBSCRIPTIONS_TOKENS is required'),
    // Events a live stream may hold for a slow consumer before it falls back to reading the outbox.
    SUBSCRIPTIONS_MAX_BUFFERED: envInt(1, 100_000, 256),
    // Rows per catch-up query, which is also the most a catching-up stream holds in memory.
    SUBSCRIPTIONS_PAGE_SIZE: envInt(1, 10_000, 500),
    SUBSCRIPTIONS_MAX_STREAMS: envInt(1, 100_000, 1000),
    SUBSCRIPTIONS_DB_POOL: envInt(1, 100, 8),
    // Safety net only: NOTIFY wakes the service; this catches a notification lost while reconnecting.
    SUBSCRIPTIONS_POLL_MS: envInt(100, 600_000, 10_000),
    // PEM files: cert + key serve TLS; adding a CA demands client certificates (mTLS).
    SUBSCRIPTIONS_TLS_CERT: pemPath,
    SUBSCRIPTIONS_TLS_KEY: pemPath,
    SUBSCRIPTIONS_TLS_CA: pemPath,
    // The ops dashboard (HTTP, same tokens) and the Prometheus endpoint; -1 turns either off.
    DASHBOARD_PORT: envInt(-1, 65535, 8090),
    API_METRICS_PORT: envInt(-1, 65535, 9464),
    // Signs dashboard session cookies; every API replica needs the same one (k8s: a Secret). Unset:
    // a random key per process, fine for one replica.
    DASHBOARD_SESSION_KEY: z.preprocess(blankToUndefined, z.string().min(32, 'DASHBOARD_SESSION_KEY must be at least 32 characters (e.g. openssl rand -base64 48)').optional()),
    // The dashboard's URL as users open it; https:// marks the session cookie Secure.
    DASHBOARD_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url().regex(/^https?:\/\//, 'DASHBOARD_PUBLIC_URL must be an http:// or https:// URL').optional()),
    // Without it the dashboard shows catalog counts only (no rate, ETA or workflow state).
    ...optionalTemporalConnectionShape,
    TEMPORAL_UI_URL: z.preprocess(blankToUndefined, z.string().url().default('http://127.0.0.1:8233')),
    // Comma-separated solver host:port (in a cluster, the solver Service): SubmitCampaign checks a
    // spec against their Info limits. Unset: specs are not checked against the pool at submit.
    SOLVER_ADDRESSES: z.preprocess(blankToUndefined, z.string().default('')),
    // Comma-separated worker /metrics URLs: the dashboard's solver pool view. dns+http://name:port/metrics
    // stands for every address of the name (in k8s the workers' headless Service: one per pod).
    WORKER_METRICS_URLS: z.preprocess(blankToUndefined, z.string().default('')),
  })
  .superRefine((env, ctx) => {
    temporalConnectionIssues(env, ctx);
    const tlsIssue = tlsFilesIssue({ cert: env.SUBSCRIPTIONS_TLS_CERT, key: env.SUBSCRIPTIONS_TLS_KEY, ca: env.SUBSCRIPTIONS_TLS_CA }, 'server');
    if (tlsIssue) ctx.addIssue({ code: 'custom', path: [`SUBSCRIPTIONS_TLS_${tlsIssue[0].toUpperCase()}`], message: tlsIssue[1] });
    const parsed = parseTokenEntries(env.SUBSCRIPTIONS_TOKENS);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['SUBSCRIPTIONS_TOKENS'], message: parsed.error });
  })
  .transform((env) => ({
    host: env.SUBSCRIPTIONS_HOST,
    port: env.SUBSCRIPTIONS_PORT,
    databaseUrl: env.DATABASE_URL,
    tokens: (parseTokenEntries(env.SUBSCRIPTIONS_TOKENS) as { ok: true; entries: TokenEntry[] }).entries,
    maxBuffered: env.SUBSCRIPTIONS_MAX_BUFFERED,
    pageSize: env.SUBSCRIPTIONS_PAGE_SIZE,
    maxStreams: env.SUBSCRIPTIONS_MAX_STREAMS,
    dbPoolSize: env.SUBSCRIPTIONS_DB_POOL,
    pollMs: env.SUBSCRIPTIONS_POLL_MS,
    tls: { cert: env.SUBSCRIPTIONS_TLS_CERT, key: env.SUBSCRIPTIONS_TLS_KEY, ca: env.SUBSCRIPTIONS_TLS_CA },
    dashboardPort: env.DASHBOARD_PORT,
    dashboardSessionKey: env.DASHBOARD_SESSION_KEY,
    dashboardPublicUrl: env.DASHBOARD_PUBLIC_URL,
    metricsPort: env.API_METRICS_PORT,
    temporal: {
      // Undefined: no Temporal configured; the dashboard and Control API say so.
      connection: env.TEMPORAL_ADDRESS ? temporalConnectionSettings({ ...env, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS }) : undefined,
      namespace: env.TEMPORAL_NAMESPACE,
      uiUrl: env.TEMPORAL_UI_URL.replace(/\/$/, ''),
    },
    solverAddresses: env.SOLVER_ADDRESSES.split(',').map((a) => a.trim()).filter(Boolean),
    workerMetricsUrls: env.WORKER_METRICS_URLS.split(',').map((u) => u.trim()).filter(Boolean),
    s3: { S3_ENDPOINT: env.S3_ENDPOINT, S3_ACCESS_KEY: env.S3_ACCESS_KEY, S3_SECRET_KEY: env.S3_SECRET_KEY, S3_SESSION_TOKEN: env.S3_SESSION_TOKEN, S3_BUCKET: env.S3_BUCKET, S3_REGION: env.S3_REGION },
  }));

export type SubscriptionsConfig = z.output<typeof subscriptionsConfigSchema>;

export function parseSubscriptionsConfig(env: NodeJS.ProcessEnv): SubscriptionsConfig {
  return subscriptionsConfigSchema.parse(env);
}
