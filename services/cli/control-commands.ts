import type { Command } from 'commander';
import { campaignTotal } from '../campaign';
import { estimateCampaign } from '../control/estimate';
import { scanLibraryLoader } from '../library/scan-loader';
import { SolverPool } from '../worker/solver-pool';
import { CliExit, EXIT, readSpec } from './common';
import { withCampaigns } from './campaign-ops';
import { withLibraries } from './defect-commands';
import { cliConfig } from './context';

const positiveInt = (field: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new CliExit(EXIT.invalidSpec, `${field}: must be an integer between 1 and 1000 (got '${value}')`);
  return n;
};

/** Commands that steer a running or finished campaign, and estimate a new one. */
export function registerControlCommands(campaign: Command): void {
  campaign
    .command('pause <campaignId>')
    .description('finish running batches, start no new ones')
    .action(async (campaignId: string) => {
      await withCampaigns(cliConfig(), (ops) => ops.pause(campaignId));
      console.log(`pause requested for ${campaignId}`);
    });

  campaign
    .command('resume <campaignId>')
    .description('start batches again after a pause')
    .action(async (campaignId: string) => {
      await withCampaigns(cliConfig(), (ops) => ops.resume(campaignId));
      console.log(`resume requested for ${campaignId}`);
    });

  campaign
    .command('set-limits <campaignId>')
    .description('change how many shards and batches run at once')
    .option('--shards <n>', 'shards in flight', positiveInt('--shards'))
    .option('--batches <n>', 'batches in flight per shard', positiveInt('--batches'))
    .action(async (campaignId: string, opts: { shards?: number; batches?: number }) => {
      if (opts.shards === undefined && opts.batches === undefined) throw new CliExit(EXIT.invalidSpec, 'set-limits: give --shards and/or --batches');
      await withCampaigns(cliConfig(), (ops) => ops.setLimits(campaignId, { maxShardsInFlight: opts.shards, maxBatchesInFlight: opts.batches }));
      console.log(`limits sent to ${campaignId}`);
    });

  campaign
    .command('retry-failed <campaignId>')
    .description('solve only the failed simulations of a finished campaign again')
    .option('--wait', 'wait for the retry to finish')
    .action(async (campaignId: string, opts: { wait?: boolean }) => {
      const { workflowId, result } = await withCampaigns(cliConfig(), (ops) => ops.retryFailed(campaignId, { wait: opts.wait }));
      console.log(`retrying failed simulations of ${campaignId} (workflow ${workflowId})`);
      if (result) console.log(`retried: ${result.succeeded} now succeeded, ${result.failed} still failed`);
    });

  campaign
    .command('estimate <spec>')
    .description("predict a campaign's solver core-hours from a pilot sample solved now")
    .option('--pilot <n>', 'pilot simulations', positiveInt('--pilot'), 16)
    .action(async (file: string, opts: { pilot: number }) => {
      const spec = readSpec(file);
      const { SOLVER_ADDRESSES } = cliConfig();
      const pool = new SolverPool({ addresses: SOLVER_ADDRESSES, callTimeoutMs: 3_600_000 });
      try {
        const library = spec.sampler === 'scan' ? await withLibraries((deps) => scanLibraryLoader(deps)(spec.scan.library)) : undefined;
        if (spec.sampler === 'scan' && !library) throw new CliExit(EXIT.notFound, `scan.library: no defect library named '${spec.scan.library}' (synthflux defects list shows them)`);
        const e = await estimateCampaign(pool, spec, opts.pilot, library ? { library } : {});
        console.log(`${file}: ${campaignTotal(spec)} simulations, ${spec.solver.model} model`);
        console.log(`pilot      ${e.pilotSize} simulations, ${e.pilotFailures} failed, ${e.meanCoreSecondsPerSimulation.toFixed(4)} core-s each on average`);
        console.log(`estimate   ${e.coreHours.toFixed(3)} solver core-hours (95% interval ${e.coreHoursLow.toFixed(3)} - ${e.coreHoursHigh.toFixed(3)})`);
      } finally {
        pool.close();
      }
    });
}
