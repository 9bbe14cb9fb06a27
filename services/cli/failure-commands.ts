// `synthflux campaign failures ID`: failed simulations with their reasons, grouped or one per line.

import type { Command } from 'commander';
import { MAX_FAILURES_LISTED } from '../control/failures';
import { withCampaigns } from './campaign-ops';
import { cliConfig } from './context';
import { CliExit, EXIT } from './common';

export function registerFailureCommands(campaign: Command): void {
  campaign
    .command('failures <campaignId>')
    .description('failed simulations with their reasons (grouped by reason; --all lists each)')
    .option('--json', 'machine-readable output')
    .option('--all', 'one line per failed simulation')
    .option('--limit <n>', 'most simulations listed with --all', '1000')
    .action(async (campaignId: string, opts: { json?: boolean; all?: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FAILURES_LISTED) throw new CliExit(EXIT.invalidSpec, `--limit: must be an integer between 1 and ${MAX_FAILURES_LISTED} (got '${opts.limit}')`);
      const result = await withCampaigns(cliConfig(), (ops) => ops.failures(campaignId, opts.all ? limit : undefined));
      if (opts.json) return console.log(JSON.stringify(opts.all ? result.simulations : result.groups, null, 2));
      if (result.groups.length === 0) return console.log(`${campaignId}: no failed simulations`);
      if (opts.all) for (const r of result.simulations) console.log(`${String(r.index).padStart(8)}  batch ${String(r.batchIndex).padStart(5)}  attempts ${r.attempts}  ${r.error ?? ''}`);
      else for (const g of result.groups) console.log(`${g.reason.padEnd(20)} ${String(g.count).padStart(8)}  e.g. #${g.indexes.join(', #')}: ${g.samples[0] ?? ''}`);
    });
}
