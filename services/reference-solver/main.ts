// GetDP reference solver entrypoint: wiring only. Same environment as the solver (SOLVER_HOST,
// SOLVER_PORT, SOLVER_THREADS = GetDP solves at once, TLS files, limits); needs
// scripts/setup-reference.sh. `npx tsx services/reference-solver/main.ts`

import { parseSolverConfig } from '../solver/config';
import { startReferenceServer } from './server';

async function main(): Promise<void> {
  const config = parseSolverConfig(process.env);
  const server = await startReferenceServer(config);
  console.log(`getdp-reference solver listening on ${server.address}`);
  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`getdp-reference: ${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
