import { trace } from '@opentelemetry/api';
import { Command } from 'commander';
import { CampaignNotFoundError } from '../control/status';
import { startTracing } from '../tracing/provider';
import { registerCampaignCommands } from './campaign-commands';
import { CliExit, EXIT } from './common';
import { isCampaignSpecError } from '../campaign';

async function main(): Promise<void> {
  const program = new Command('synthflux').description('MFL simulation campaigns: physics in, training data out');
  registerCampaignCommands(program);
  (await import('./real-data-commands')).registerRealDataCommands(program);
  (await import('./dataset-commands')).registerDatasetCommands(program);
  (await import('./defect-commands')).registerDefectCommands(program);
  (await import('./verification-commands')).registerVerificationCommands(program);
  // One span per command, renamed to the command's path once commander has found it.
  program.hook('preAction', (_program, action) => {
    trace.getActiveSpan()?.updateName(`synthflux ${commandPath(action)}`);
  });
  const tracing = startTracing({ serviceName: 'synthflux-cli' });
  try {
    await tracing.inSpan('synthflux', () => program.parseAsync(process.argv));
  } finally {
    await tracing.shutdown();
  }
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

main().catch((err: unknown) => {
  if (err instanceof CliExit) {
    console.error(err.message);
    process.exit(err.code);
  }
  // A spec the solver pool would refuse: the same exit code as any invalid spec.
  if (isCampaignSpecError(err)) {
    console.error(err.message);
    process.exit(EXIT.invalidSpec);
  }
  if (err instanceof CampaignNotFoundError) {
    console.error(err.message);
    process.exit(EXIT.notFound);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(EXIT.failure);
});
