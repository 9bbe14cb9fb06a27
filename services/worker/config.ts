import { z } from 'zod';
import { discoveryConfigShape } from '../discovery/config';
import { mlConfigSchema, type MlConfig } from '../ml/config';
import { scalerConfigShape } from '../scaler/config';
import { s3ConfigSchema } from '../store/s3';
import { temporalConnectionIssues, temporalConnectionShape, temporalConnectionSettings, type TemporalConnectionSettings } from '../temporal/connection';
import { pemPath, tlsFilesIssue } from '../tls/grpc-tls';
import { verificationPoolsSchema } from './verification-pools';

/** The worker's whole configuration, from the environment; parsed in main(), never on import. */
export const workerConfigSchema = s3ConfigSchema.extend({
  ...temporalConnectionShape,
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/synthflux'),
  SOLVER_ADDRESSES: z
    .string()
    .default('127.0.0.1:50051')
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'each solver address must be host:port')).min(1, 'SOLVER_ADDRESSES needs at least one host:port')),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(16),
  SOLVER_CALL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000),
  // Reference solver pools that campaigns name in `verification.pool` (verification-pools.ts), and
  // how many verification activities this worker runs at once on their own task queue, so slow
  // reference solves (GetDP: minutes each) never hold the slots that production batches need.
  VERIFICATION_SOLVER_POOLS: verificationPoolsSchema,
  VERIFICATION_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(4),
  VERIFICATION_CALL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(3_600_000),
  // Prometheus endpoints: synthflux metrics (prom-client) and the Temporal SDK's own (Rust core);
  // -1 turns either off.
  METRICS_HOST: z.string().default('127.0.0.1'),
  WORKER_METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9465),
  TEMPORAL_METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(-1),
  // SOLVER_DISCOVERY=kubernetes: EndpointSlice discovery and the solver scaler (k8s/README.md).
  ...discoveryConfigShape,
  ...scalerConfigShape,
  // The worker as a client of the solvers: CA to verify them (TLS), plus cert + key for mTLS.
  // Not SOLVER_TLS_*: those are the solver server's own files, often set in the same environment.
  WORKER_SOLVER_TLS_CA: pemPath,
  WORKER_SOLVER_TLS_CERT: pemPath,
  WORKER_SOLVER_TLS_KEY: pemPath,
}).superRefine((env, ctx) => {
  temporalConnectionIssues(env, ctx);
  const tlsIssue = tlsFilesIssue({ ca: env.WORKER_SOLVER_TLS_CA, cert: env.WORKER_SOLVER_TLS_CERT, key: env.WORKER_SOLVER_TLS_KEY }, 'client');
  if (tlsIssue) ctx.addIssue({ code: 'custom', path: [`WORKER_SOLVER_TLS_${tlsIssue[0].toUpperCase()}`], message: tlsIssue[1] });
  if (env.SOLVER_MAX_REPLICAS < env.SOLVER_MIN_REPLICAS) {
    ctx.addIssue({ code: 'custom', path: ['SOLVER_MAX_REPLICAS'], message: 'SOLVER_MAX_REPLICAS must be at least SOLVER_MIN_REPLICAS' });
  }
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/**
 * Everything main() reads from the environment: the worker's own settings and where its ML jobs
 * run (ML_TRAINING_RUNNER, ML_GAP_CHECK_RUNNER, ...; the schema lives with the ML activities) and
 * how it reaches Temporal (services/temporal/connection.ts).
 */
export function parseWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig & { ml: MlConfig; temporal: TemporalConnectionSettings } {
  const config = workerConfigSchema.parse(env);
  return { ...config, ml: mlConfigSchema.parse(env), temporal: temporalConnectionSettings(config) };
}
