import { Command } from 'commander';
import { CampaignNotFoundError } from '../control/status';
import { registerCampaignCommands } from './campaign-commands';
import { CliExit, EXIT } from './common';

async function main(): Promise<void> {
  const program = new Command('synthflux').description('MFL simulation campaigns: physics in, training data out');
  registerCampaignCommands(program);
  (await import('./real-data-commands')).registerRealDataCommands(program);
  (await import('./dataset-commands')).registerDatasetCommands(program);
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  if (err instanceof CliExit) {
    console.error(err.message);
    process.exit(err.code);
  }
  if (err instanceof CampaignNotFoundError) {
    console.error(err.message);
    process.exit(EXIT.notFound);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(EXIT.failure);
});
