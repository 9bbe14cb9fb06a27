import type { Command } from 'commander';
import { campaignTotal } from '../campaign';
import { dipoleCalibrationNotes } from '../campaign/calibration-regime';
import type { CampaignStatusView } from '../control/api-messages';
import { datasetMatchesCatalog } from '../control/verify';
import { withCampaigns } from './campaign-ops';
import { cliConfig, workflowUiUrl, type CliConfig } from './context';
import { CliExit, EXIT, readSpec } from './common';
import { registerControlCommands } from './control-commands';
import { registerFailureCommands } from './failure-commands';
import { formatStatus, isFinished } from './format';

async function watch(config: CliConfig, campaignId: string, json: boolean): Promise<CampaignStatusView> {
  return withCampaigns(config, async (ops) => {
    let lastLine = '';
    for (;;) {
      const status = await ops.status(campaignId);
      if (json) process.stdout.write(`${JSON.stringify(status)}\n`);
      else {
        // A terminal gets one line redrawn in place; a log gets a line per change.
        const line = formatStatus(status, workflowUiUrl(config, status.workflowId)).split('\n')[2]!;
        if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(100)}`);
        else if (line !== lastLine) process.stderr.write(`${line}\n`);
        lastLine = line;
      }
      if (isFinished(status)) {
        if (!json && process.stderr.isTTY) process.stderr.write('\n');
        return status;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });
}

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command('campaign').description('validate, submit and follow simulation campaigns');

  campaign
    .command('validate <spec>')
    .description('check a campaign spec (YAML) without starting anything')
    .action((file: string) => {
      const spec = readSpec(file);
      const total = campaignTotal(spec);
      console.log(`${file}: valid. ${total} simulations in ${Math.ceil(total / spec.batchSize)} batches (${spec.sampler} sampler, ${spec.solver.model} model)`);
      const curve = spec.solver.bhCurve;
      if (curve) console.log(`steel: ${curve.name}, ${curve.hAPerM.length} B-H rows from ${curve.source ?? 'the spec'} (sha256 ${curve.sha256.slice(0, 12)}…)`);
      const v = spec.verification;
      if (v) console.log(`verification: about ${Math.round(v.fraction * total)} simulations (${+(v.fraction * 100).toFixed(4)} %) solved again by the workers' pool '${v.pool}' at mesh ${v.mesh}`);
      for (const note of dipoleCalibrationNotes(spec)) console.log(`note: ${note}`);
    });

  campaign
    .command('submit <spec>')
    .description('catalog a campaign and start its workflow')
    .option('--wait', 'follow progress until the campaign finishes')
    .option('--id <id>', 'campaign id (default: name plus a random suffix)')
    .action(async (file: string, opts: { wait?: boolean; id?: string }) => {
      const spec = readSpec(file);
      const config = cliConfig();
      const submitted = await withCampaigns(config, (ops) => ops.submit(spec, opts.id));
      console.log(`submitted campaign ${submitted.campaignId}: ${submitted.total} simulations in ${submitted.batches} batches`);
      console.log(`  workflow  ${workflowUiUrl(config, submitted.workflowId)}`);
      console.log(`  dataset   ${submitted.datasetUrl}`);
      if (!opts.wait) return;
      const status = await watch(config, submitted.campaignId, false);
      console.log(formatStatus(status, workflowUiUrl(config, status.workflowId), { dashboardUrl: config.DASHBOARD_URL }));
      if (status.state !== 'COMPLETED') throw new CliExit(EXIT.campaignFailed, `campaign ended ${status.state}`);
    });

  campaign
    .command('status <campaignId>')
    .description('counts, progress and links of a campaign')
    .option('--json', 'machine-readable output')
    .option('--watch', 'refresh until the campaign finishes')
    .action(async (campaignId: string, opts: { json?: boolean; watch?: boolean }) => {
      const config = cliConfig();
      const status = opts.watch
        ? await watch(config, campaignId, Boolean(opts.json))
        : await withCampaigns(config, (ops) => ops.status(campaignId));
      if (opts.json && !opts.watch) console.log(JSON.stringify(status, null, 2));
      else if (!opts.json) console.log(formatStatus(status, workflowUiUrl(config, status.workflowId), { dashboardUrl: config.DASHBOARD_URL }));
    });

  campaign
    .command('cancel <campaignId>')
    .description('cancel a running campaign')
    .action(async (campaignId: string) => {
      await withCampaigns(cliConfig(), (ops) => ops.cancel(campaignId));
      console.log(`cancellation requested for ${campaignId}`);
    });

  campaign
    .command('verify <campaignId>')
    .description('check the catalog against the arrays in object storage (counts and checksums)')
    .option('--json', 'machine-readable output')
    .action(async (campaignId: string, opts: { json?: boolean }) => {
      const v = await withCampaigns(cliConfig(), (ops) => ops.verify(campaignId));
      if (opts.json) console.log(JSON.stringify(v, null, 2));
      else {
        console.log(`catalog    ${v.catalogRows} simulation rows (${v.distinctIndexes} distinct indexes, ${v.succeededRows} succeeded)`);
        console.log(`dataset    ${v.mapsInStore} maps in the Zarr store, ${v.checksumMatches} match their catalog checksum`);
      }
      if (!datasetMatchesCatalog(v)) throw new CliExit(EXIT.failure, `dataset does not match the catalog (mismatched indexes: ${v.mismatches.slice(0, 10).join(', ')})`);
    });

  registerControlCommands(campaign);
  registerFailureCommands(campaign);

  campaign
    .command('list')
    .description('recent campaigns')
    .action(async () => {
      const rows = await withCampaigns(cliConfig(), (ops) => ops.list());
      for (const c of rows) console.log(`${c.id.padEnd(40)} ${c.state.padEnd(10)} ${String(c.total).padStart(9)} sims  ${c.createdAt}  ${c.owner}`);
    });
}
