// `synthflux campaign failures ID`: failed simulations with their reasons, grouped or one per line.

import type { Command } from 'commander';
import { failuresByReason } from '../dashboard/data';
import { getCampaign } from '../catalog/campaigns';
import { cliConfig, withControl } from './context';
import { CliExit, EXIT } from './common';

export function registerFailureCommands(campaign: Command): void {
  campaign
    .command('failures <campaignId>')
    .description('failed simulations with their reasons (grouped by reason; --all lists each)')
    .option('--json', 'machine-readable output')
    .option('--all', 'one line per failed simulation')
    .option('--limit <n>', 'most simulations listed with --all', '1000')
    .action(async (campaignId: string, opts: { json?: boolean; all?: boolean; limit: string }) => {
      const result = await withControl(cliConfig(), async ({ prisma }) => {
        if (!(await getCampaign(prisma, campaignId))) throw new CliExit(EXIT.notFound, `campaign '${campaignId}' is not in the catalog`);
        const groups = await failuresByReason(prisma, campaignId);
        const rows = opts.all
          ? await prisma.simulation.findMany({ where: { campaignId, status: 'FAILED' }, orderBy: { index: 'asc' }, take: Number(opts.limit), select: { index: true, batchIndex: true, attempts: true, error: true } })
          : [];
        return { groups, rows };
      });
      if (opts.json) return console.log(JSON.stringify(opts.all ? result.rows : result.groups, null, 2));
      if (result.groups.length === 0) return console.log(`${campaignId}: no failed simulations`);
      if (opts.all) for (const r of result.rows) console.log(`${String(r.index).padStart(8)}  batch ${String(r.batchIndex).padStart(5)}  attempts ${r.attempts}  ${r.error ?? ''}`);
      else for (const g of result.groups) console.log(`${g.reason.padEnd(20)} ${String(g.count).padStart(8)}  e.g. #${g.indexes.join(', #')}: ${g.samples[0] ?? ''}`);
    });
}
