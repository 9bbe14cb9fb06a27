// Solver process entrypoint: wiring only.

import { parseSolverConfig } from './config';
import { startSolverServer } from './server';

async function main(): Promise<void> {
  const config = parseSolverConfig(process.env);
  const solver = await startSolverServer(config);
  console.log(`solver listening on ${solver.address}`);

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`solver: ${signal} received, shutting down`);
    solver.close().then(
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
