import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatSpecIssues, parseCampaignSpecObject, sensorGridOf, type CampaignSpec } from '../campaign';
import { getCampaign } from '../catalog/campaigns';
import { SIGNAL_CHANNELS, type SensorGridSpec } from '../domain/defect';
import { decodeNpy, encodeNpy, isNpyFormatError } from '../ml/npy';
import { importRealData, isRealDataError } from '../ml/real-data';
import { readZarrMaps } from '../ml/zarr-input';
import { STAND_IN_LABEL, generateStandIn } from '../ml/standin/generate';
import { createS3Client, s3ConfigSchema } from '../store/s3';
import { CliExit, EXIT } from './common';
import { cliConfig, withControl } from './context';
import type { ControlDeps } from '../control/submit';

async function campaignGrid(deps: ControlDeps, campaignId: string): Promise<{ spec: CampaignSpec; grid: SensorGridSpec }> {
  const campaign = await getCampaign(deps.prisma, campaignId);
  if (!campaign) throw new CliExit(EXIT.notFound, `campaign ${campaignId} is not in the catalog`);
  const parsed = parseCampaignSpecObject(campaign.spec);
  if (!parsed.ok) throw new CliExit(EXIT.failure, `campaign ${campaignId} has an invalid spec:\n${formatSpecIssues(parsed.errors)}`);
  return { spec: parsed.spec, grid: sensorGridOf(parsed.spec) };
}

/** Maps from a .npy file, or from a local Zarr v3 store (a directory). */
async function readMaps(file: string, zarrArray?: string) {
  if ((await fs.stat(file).catch(() => undefined))?.isDirectory()) {
    try {
      return await readZarrMaps(file, zarrArray);
    } catch (err) {
      if (isRealDataError(err)) throw new CliExit(EXIT.invalidSpec, err.message);
      throw err;
    }
  }
  return readNpyFile(file);
}

async function readNpyFile(file: string) {
  try {
    return decodeNpy(await fs.readFile(file), file);
  } catch (err) {
    if (isNpyFormatError(err)) throw new CliExit(EXIT.invalidSpec, err.message);
    if ((err as { code?: string }).code === 'ENOENT') throw new CliExit(EXIT.invalidSpec, `file not found: ${file}`);
    throw err;
  }
}

interface ImportOptions {
  maps: string;
  zarrArray?: string;
  labels?: string;
  labelNames?: string;
  units: string;
  channels: string;
  name?: string;
  standIn?: boolean;
}

/** `synthflux dataset import-real` and `synthflux dataset standin`: measured maps in, next to a campaign. */
export function registerRealDataCommands(program: Command): void {
  const dataset = program.command('dataset').description('measured data sets for gap checks and refinement');
  dataset
    .command('import-real <campaignId>')
    .description("register measured maps ([N, 3, axial, circumferential], .npy or Zarr v3) on a campaign's sensor grid")
    .requiredOption('--maps <path>', 'maps as .npy (float32 or float64, C order) or a local Zarr v3 store directory')
    .option('--zarr-array <name>', "the array inside a Zarr group (a synthflux export's is 'signals')", 'signals')
    .option('--labels <file>', 'defect labels as .npy [N, P]')
    .option('--label-names <names>', "comma-separated label columns, from the campaign's parameter names (e.g. defectDepth_percent)")
    .option('--units <units>', 'units of the maps: T, mT, uT, nT or G', 'T')
    .option('--channels <list>', 'channel order of the maps', SIGNAL_CHANNELS.join(','))
    .option('--name <name>', 'a name for the data set')
    .option('--stand-in', 'the maps are generated stand-ins, not field data (labels the set STAND_IN)')
    .action(async (campaignId: string, opts: ImportOptions) => {
      const config = cliConfig();
      const s3 = createS3Client(s3ConfigSchema.parse(process.env));
      const maps = await readMaps(opts.maps, opts.zarrArray);
      const labels = opts.labels ? await readNpyFile(opts.labels) : undefined;
      const row = await withControl(config, async (deps) => {
        const { grid } = await campaignGrid(deps, campaignId);
        try {
          return await importRealData(
            { s3, bucket: deps.bucket, db: deps.prisma },
            { id: campaignId, grid },
            {
              name: opts.name ?? path.basename(opts.maps.replace(/\/+$/, ''), '.npy'),
              source: opts.standIn ? 'STAND_IN' : 'MEASURED',
              maps,
              units: opts.units,
              channels: opts.channels.split(',').map((c) => c.trim()),
              labels,
              labelNames: opts.labelNames?.split(',').map((c) => c.trim()) ?? [],
            },
          );
        } catch (err) {
          if (isRealDataError(err)) throw new CliExit(EXIT.invalidSpec, `${opts.maps}: ${err.message}`);
          throw err;
        }
      });
      console.log(`real data set ${row.id}${row.source === 'STAND_IN' ? `  [${STAND_IN_LABEL}]` : ''}`);
      console.log(`maps       ${row.count} x [${row.shape.slice(1).join(', ')}] ${row.units}, s3://${config.S3_BUCKET}/${row.mapsKey}`);
      console.log(`labels     ${row.labelsKey ? `${row.labelNames.join(', ')}` : 'none'}`);
      console.log(`use it     refinement with realDatasetId ${row.id}`);
    });

  dataset
    .command('standin <campaignId>')
    .description(`write a STAND-IN measured set (not field data) for the campaign's sensor grid as .npy files`)
    .option('--count <n>', 'number of maps', '256')
    .option('--seed <n>', 'random seed', '1')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (campaignId: string, opts: { count: string; seed: string; out: string }) => {
      const { spec, grid } = await withControl(cliConfig(), (deps) => campaignGrid(deps, campaignId));
      const set = generateStandIn(spec, grid, Number(opts.count), Number(opts.seed));
      await fs.mkdir(opts.out, { recursive: true });
      await fs.writeFile(path.join(opts.out, 'standin-maps.npy'), encodeNpy({ dtype: 'float32', data: set.maps, shape: [...set.shape] }));
      await fs.writeFile(path.join(opts.out, 'standin-labels.npy'), encodeNpy({ dtype: 'float64', data: set.labels, shape: [set.shape[0], set.labelNames.length] }));
      await fs.writeFile(path.join(opts.out, 'STAND-IN.txt'), `${set.description}\nlabel names: ${set.labelNames.join(',')}\n`);
      console.log(set.description);
      console.log(
        `import:  synthflux dataset import-real ${campaignId} --stand-in --maps ${path.join(opts.out, 'standin-maps.npy')} --labels ${path.join(opts.out, 'standin-labels.npy')} --label-names ${set.labelNames.join(',')}`,
      );
    });
}
