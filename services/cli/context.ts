import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { createPrismaClient } from '../catalog/client';
import { loadStackEnv } from '../stack/credentials';
import { defaultStackDir } from '../stack/paths';
import { workflowClientInterceptors } from '../tracing/temporal';
import type { ControlDeps } from '../control/submit';
import { solverLimitsFromAddresses } from '../control/solver-limits';

export const cliConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/synthflux'),
  S3_BUCKET: z.string().default('synthflux'),
  // The solver pool: estimates solve on it, and submit checks a spec against its limits.
  SOLVER_ADDRESSES: z.string().default('127.0.0.1:50051').transform((list) => list.split(',').map((a) => a.trim()).filter(Boolean)),
});
export type CliConfig = z.infer<typeof cliConfigSchema>;

export function cliConfig(): CliConfig {
  // A running embedded stack provides the endpoints unless the environment says otherwise.
  loadStackEnv(defaultStackDir());
  return cliConfigSchema.parse(process.env);
}

/** Opens the catalog and Temporal for one command and closes both afterwards. */
export async function withControl<T>(config: CliConfig, fn: (deps: ControlDeps) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(config.DATABASE_URL);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
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
