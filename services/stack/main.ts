import os from 'node:os';
import { z } from 'zod';
import { defaultStackDir } from './paths';
import { DEFAULT_POSTGRES_PROBE } from './postgres';
import { DEFAULT_PORTS, downStack, upStack } from './stack';

const stackConfigSchema = z.object({
  // Unset: a server answering on SYNTHFLUX_POSTGRES_PROBE, else the stack's own PostgreSQL.
  DATABASE_URL: z.string().url().optional(),
  SYNTHFLUX_POSTGRES_PROBE: z.string().default(DEFAULT_POSTGRES_PROBE),
  S3_BUCKET: z.string().default('synthflux'),
  SYNTHFLUX_SOLVERS: z.coerce.number().int().min(1).max(64).default(1),
  SYNTHFLUX_SOLVER_THREADS: z.coerce.number().int().min(1).max(256).default(Math.max(1, os.availableParallelism())),
});

async function main(): Promise<void> {
  const command = process.argv[2];
  const dir = defaultStackDir();
  if (command === 'up') {
    const config = stackConfigSchema.parse(process.env);
    const info = await upStack({
      dir,
      ports: DEFAULT_PORTS,
      databaseUrl: config.DATABASE_URL,
      postgresProbe: config.SYNTHFLUX_POSTGRES_PROBE,
      solverCount: config.SYNTHFLUX_SOLVERS,
      solverThreads: config.SYNTHFLUX_SOLVER_THREADS,
      withWorker: true,
      bucket: config.S3_BUCKET,
    });
    console.log('synthflux stack is up');
    console.log(`  Temporal          ${info.TEMPORAL_ADDRESS}`);
    console.log(`  Temporal Web UI   ${info.TEMPORAL_UI_URL}`);
    console.log(`  S3 (MinIO)        ${info.S3_ENDPOINT}  bucket ${info.S3_BUCKET}  console ${info.S3_CONSOLE_URL}`);
    console.log(`  PostgreSQL        ${redactUrl(info.DATABASE_URL)}${info.STACK_POSTGRES_DATA ? `  (the stack's own, data in ${info.STACK_POSTGRES_DATA})` : ''}`);
    console.log(`  Solvers           ${info.SOLVER_ADDRESSES}`);
    console.log(`  Dashboard         ${info.DASHBOARD_URL}  (sign in with SYNTHFLUX_TOKEN from ${dir}/subscriptions.env)`);
    console.log(`  Metrics           ${info.METRICS_URLS.split(',').join(' ')}`);
    console.log(`  State and logs    ${dir}`);
  } else if (command === 'down') {
    const stopped = await downStack(dir);
    console.log(stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing was running');
  } else {
    throw new Error(`usage: stack up|down (got '${command ?? ''}')`);
  }
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
