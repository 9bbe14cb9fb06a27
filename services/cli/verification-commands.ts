// `synthflux verifications ...`: field verifications, the measured maps of library defects paired
// with a campaign's simulations of the same defects (what paired refiners train on).
import type { Command } from 'commander';
import { FieldVerificationError, createStandInVerifications, loadVerificationPairs } from '../field-verification';
import { splitVerifications } from '../ml/verification-split';
import { CliExit, EXIT } from './common';
import { withLibraries } from './defect-commands';

const asExit = (err: unknown): never => {
  if (err instanceof FieldVerificationError) throw new CliExit(EXIT.failure, err.message);
  throw err;
};

export function registerVerificationCommands(program: Command): void {
  const cmd = program.command('verifications').description('field verifications: measured maps of library defects paired with simulations of the same defects');

  cmd
    .command('stand-in <library>')
    .description('make a STAND-IN field verification library: the defects of a completed truth campaign with "measured" maps from the stand-in instrument model')
    .requiredOption('--from-campaign <id>', 'the truth campaign: a scan campaign over a STAND-IN library, each defect as scanned (fine mesh)')
    .option('--tool-seed <n>', "the stand-in tool's seed (its sensor gains and dead sensors)", '1')
    .option('--replace', 'replace a library of that name that holds different content')
    .action(async (library: string, opts: { fromCampaign: string; toolSeed: string; replace?: boolean }) => {
      const toolSeed = Number(opts.toolSeed);
      if (!Number.isInteger(toolSeed) || toolSeed < 0 || toolSeed > 0xffffffff) throw new CliExit(EXIT.invalidSpec, `--tool-seed: must be an integer from 0 to ${0xffffffff} (got '${opts.toolSeed}')`);
      const out = await withLibraries((deps) => createStandInVerifications(deps, { truthCampaignId: opts.fromCampaign, name: library, toolSeed, replace: opts.replace === true })).catch(asExit);
      const lib = out.result.library;
      console.log(`${out.result.status === 'unchanged' ? 'unchanged' : out.result.status} defect library ${lib.name}: ${out.measured} defects with STAND-IN measured maps${out.failed ? ` (${out.failed} truth simulations failed and are left out)` : ''}`);
      console.log(`content    sha256 ${lib.contentHash}`);
      console.log(out.description);
      console.log(`Next: a campaign with sampler: scan and scan: { library: ${lib.name}, fieldVerifications: true } simulates the pairs (examples/field-verifications/).`);
    });

  cmd
    .command('show <campaignId>')
    .description('the pairs of a field verification campaign: counts, classes, the held-out split')
    .option('--test-fraction <f>', 'fraction of defects held out for testing', '0.3')
    .option('--seed <n>', 'split seed', '0')
    .option('--json', 'machine-readable output')
    .action(async (campaignId: string, opts: { testFraction: string; seed: string; json?: boolean }) => {
      const pairs = await withLibraries((deps) => loadVerificationPairs(deps, campaignId)).catch(asExit);
      let split;
      try {
        split = splitVerifications(pairs.defectIds, Number(opts.testFraction), Number(opts.seed));
      } catch (err) {
        throw new CliExit(EXIT.invalidSpec, (err as Error).message);
      }
      const classes: Record<string, number> = {};
      for (const c of pairs.classes) classes[c] = (classes[c] ?? 0) + 1;
      const summary = {
        campaignId,
        library: pairs.library,
        standIn: pairs.standIn,
        pairs: pairs.defectIds.length,
        failedSimulations: pairs.failed.length,
        classes,
        split: { rule: split.rule, seed: split.seed, testFraction: split.testFraction, train: split.train.length, test: split.test.length },
      };
      if (opts.json) return console.log(JSON.stringify(summary, null, 2));
      console.log(`field verifications of campaign ${campaignId}: ${summary.pairs} pairs over library ${pairs.library}${pairs.standIn ? '  [STAND-IN: generated, not field data]' : ''}`);
      if (summary.failedSimulations) console.log(`  ${summary.failedSimulations} simulations failed (no pair): ${pairs.failed.slice(0, 5).join(', ')}`);
      console.log(`  classes: ${Object.entries(classes).map(([c, n]) => `${c} ${n}`).join(', ')}`);
      console.log(`  split (seed ${split.seed}): ${split.train.length} train, ${split.test.length} test measured maps; ${split.rule}`);
    });
}
