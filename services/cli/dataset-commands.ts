import type { Command } from 'commander';
import { createPrismaClient } from '../catalog/client';
import { exportDataset } from '../consumer/export/export';
import { SPLIT_RULE } from '../consumer/export/split';
import { createS3Client, s3ConfigSchema } from '../store/s3';
import { CliExit, EXIT } from './common';
import { cliConfig } from './context';

export function registerDatasetCommands(program: Command): void {
  // Other modules add subcommands to `dataset` too (real data sets): join the group if it exists.
  const dataset = program.commands.find((c) => c.name() === 'dataset') ?? program.command('dataset').description('data sets: campaign exports and measured data');

  dataset
    .command('export <campaignId>')
    .description(
      'write a self-contained copy (Zarr v3 arrays signals, params and defects, manifest.json, simulations.csv, split.json, SHA256SUMS) to a folder or s3://bucket/prefix; ' +
        `every map is checked against its catalog checksum, every succeeded simulation has its depth map, and every file is read back. Split rule: ${SPLIT_RULE}`,
    )
    .requiredOption('--to <dir|s3://bucket/prefix>', 'destination folder, or bucket and prefix on the same S3 server')
    .option('--validation-fraction <f>', 'share of simulations in the validation split (0..1)', '0.1')
    .action(async (campaignId: string, opts: { to: string; validationFraction: string }) => {
      const fraction = Number(opts.validationFraction);
      if (!(fraction >= 0 && fraction <= 1)) throw new CliExit(EXIT.failure, `--validation-fraction: must be a number from 0 to 1, got '${opts.validationFraction}'`);
      const config = cliConfig();
      const s3Config = s3ConfigSchema.parse(process.env);
      const prisma = createPrismaClient(config.DATABASE_URL);
      try {
        const r = await exportDataset({ prisma, s3: createS3Client(s3Config), bucket: config.S3_BUCKET, region: s3Config.S3_REGION, campaignId, to: opts.to, validationFraction: fraction });
        console.log(`exported ${campaignId} to ${r.destination}: ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB`);
        console.log(`verified   ${r.mapsVerified} maps against the catalog checksums; every file read back intact (SHA256SUMS)`);
        console.log(
          r.depthMaps === null
            ? 'defects    none: the dataset was written before depth maps were stored (no defects array)'
            : `defects    ${r.depthMaps} depth maps (mm, on the sensor cells), one for each succeeded simulation`,
        );
        console.log(`split      ${r.train} train, ${r.validation} validation (failed simulations excluded)`);
      } finally {
        await prisma.$disconnect();
      }
    });
}
