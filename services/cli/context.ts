import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { blankToUndefined, pemPath, tlsFilesIssue } from '../tls/grpc-tls';
import { CliExit, EXIT } from './common';
import { createPrismaClient } from '../catalog/client';
import { loadStackEnv } from '../stack/credentials';
import { defaultStackDir } from '../stack/paths';
import { connectTemporal, temporalConnectionIssues, temporalConnectionSettings, temporalConnectionShape } from '../temporal/connection';
import { workflowClientInterceptors } from '../tracing/temporal';
import type { ControlDeps } from '../control/submit';
import { solverLimitsFromAddresses } from '../control/solver-limits';

export const cliConfigSchema = z.object({
  ...temporalConnectionShape,
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  // The dashboard (the embedded stack's stack.env names it): `campaign status` links refinement
  // reports and maps grids there; unset, it names their object keys.
  DASHBOARD_URL: z.preprocess(blankToUndefined, z.string().url('DASHBOARD_URL must be a URL (e.g. http://127.0.0.1:8090/)').optional()),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/synthflux'),
  S3_BUCKET: z.string().default('synthflux'),
  // The solver pool: estimates solve on it, and submit checks a spec against its limits.
  SOLVER_ADDRESSES: z.string().default('127.0.0.1:50051').transform((list) => list.split(',').map((a) => a.trim()).filter(Boolean)),
  // The API service (host:port). Set: campaign commands go through its Control API with
  // SYNTHFLUX_TOKEN, under the token's scopes. Unset: they use the catalog and Temporal directly.
  SYNTHFLUX_API_ADDRESS: z.preprocess(blankToUndefined, z.string().regex(/^[^\s/]+:\d+$/, 'SYNTHFLUX_API_ADDRESS must be host:port (e.g. synthflux-api.example.com:50070)').optional()),
  // PEM files: the CA that verifies the API's certificate; cert + key when it demands mTLS.
  SYNTHFLUX_API_TLS_CA: pemPath,
  SYNTHFLUX_API_TLS_CERT: pemPath,
  SYNTHFLUX_API_TLS_KEY: pemPath,
}).superRefine((env, ctx) => {
  temporalConnectionIssues(env, ctx);
  const issue = tlsFilesIssue({ cert: env.SYNTHFLUX_API_TLS_CERT, key: env.SYNTHFLUX_API_TLS_KEY, ca: env.SYNTHFLUX_API_TLS_CA }, 'client');
  if (issue) ctx.addIssue({ code: 'custom', path: [`SYNTHFLUX_API_TLS_${issue[0].toUpperCase()}`], message: issue[1] });
});
export type CliConfig = z.infer<typeof cliConfigSchema>;

export function cliConfig(): CliConfig {
  // A running embedded stack provides the endpoints unless the environment says otherwise.
  loadStackEnv(defaultStackDir());
  const parsed = cliConfigSchema.safeParse(process.env);
  if (!parsed.success) throw new CliExit(EXIT.failure, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

/** Opens the catalog and Temporal for one command and closes both afterwards. */
export async function withControl<T>(config: CliConfig, fn: (deps: ControlDeps) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(config.DATABASE_URL);
  const connection = await connectTemporal(temporalConnectionSettings(config), (options) => Connection.connect(options));
  try {
    return await fn({
      prisma,
      temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: workflowClientInterceptors() } }),
      bucket: config.S3_BUCKET,
      solverLimits: solverLimitsFromAddresses(config.SOLVER_ADDRESSES),
    });
  } finally {
    await connection.close();
    await prisma.$disconnect();
  }
}

export const workflowUiUrl = (config: CliConfig, workflowId: string): string =>
  `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
