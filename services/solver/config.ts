// The solver's one config schema, read from the environment inside main().

import os from 'node:os';
import { z } from 'zod';
import { pemPath, tlsFilesIssue } from '../tls/grpc-tls';

const MIB = 1024 * 1024;
/** Bytes per sensor point in a packed map: three float32 channels. */
export const BYTES_PER_SENSOR_POINT = 3 * Float32Array.BYTES_PER_ELEMENT;
/**
 * Largest SolveBatch request the server reads (gRPC's default is 4 MiB): depth maps travel in the
 * request, up to 1 MiB each (512 x 512 float32 depths), so 256 of the largest fit in one batch.
 */
export const MAX_REQUEST_BYTES = 256 * MIB;

// An unset or empty variable means "use the default"; coerce would turn "" into 0.
const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const envInt = (min: number, max: number, fallback: () => number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

export const solverConfigSchema = z
  .object({
    SOLVER_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
    // 0 asks the OS for a free port; main() prints the real one.
    SOLVER_PORT: envInt(0, 65535, () => 50051),
    SOLVER_THREADS: envInt(1, 1024, () => os.availableParallelism()),
    SOLVER_MAX_BATCH: envInt(1, 100_000, () => 1000),
    SOLVER_MAX_SENSOR_POINTS: envInt(1, 16_777_216, () => 65_536),
    // gRPC messages must stay well under protobuf's 2 GiB; a batch that would exceed this is refused.
    SOLVER_MAX_RESPONSE_MB: envInt(1, 1536, () => 512),
    // Prometheus /metrics on SOLVER_HOST; -1 turns it off.
    SOLVER_METRICS_PORT: envInt(-1, 65535, () => 9466),
    // On SIGTERM, how long in-flight solves may run on before they are cut off (and retried
    // elsewhere by the workers); keep it below the pod's termination grace period.
    SOLVER_SHUTDOWN_GRACE_MS: envInt(0, 3_600_000, () => 10_000),
    // PEM files: cert + key serve TLS; adding a CA demands client certificates (mTLS).
    SOLVER_TLS_CERT: pemPath,
    SOLVER_TLS_KEY: pemPath,
    SOLVER_TLS_CA: pemPath,
  })
  .superRefine((env, ctx) => {
    const tlsIssue = tlsFilesIssue({ cert: env.SOLVER_TLS_CERT, key: env.SOLVER_TLS_KEY, ca: env.SOLVER_TLS_CA }, 'server');
    if (tlsIssue) ctx.addIssue({ code: 'custom', path: [`SOLVER_TLS_${tlsIssue[0].toUpperCase()}`], message: tlsIssue[1] });
    const oneMap = env.SOLVER_MAX_SENSOR_POINTS * BYTES_PER_SENSOR_POINT;
    if (oneMap > env.SOLVER_MAX_RESPONSE_MB * MIB) {
      ctx.addIssue({
        code: 'custom',
        path: ['SOLVER_MAX_SENSOR_POINTS'],
        message: `one map of ${env.SOLVER_MAX_SENSOR_POINTS} points (${oneMap} bytes) exceeds SOLVER_MAX_RESPONSE_MB=${env.SOLVER_MAX_RESPONSE_MB}`,
      });
    }
  })
  .transform((env) => ({
    host: env.SOLVER_HOST,
    port: env.SOLVER_PORT,
    threads: env.SOLVER_THREADS,
    maxBatch: env.SOLVER_MAX_BATCH,
    maxSensorPoints: env.SOLVER_MAX_SENSOR_POINTS,
    maxResponseBytes: env.SOLVER_MAX_RESPONSE_MB * MIB,
    metricsPort: env.SOLVER_METRICS_PORT,
    shutdownGraceMs: env.SOLVER_SHUTDOWN_GRACE_MS,
    tls: { cert: env.SOLVER_TLS_CERT, key: env.SOLVER_TLS_KEY, ca: env.SOLVER_TLS_CA },
  }));

export type SolverConfig = z.output<typeof solverConfigSchema>;
/** Request limits, also reported by Info. */
export type SolverLimitsConfig = Pick<SolverConfig, 'maxBatch' | 'maxSensorPoints' | 'maxResponseBytes'>;

export function parseSolverConfig(env: NodeJS.ProcessEnv): SolverConfig {
  return solverConfigSchema.parse(env);
}
