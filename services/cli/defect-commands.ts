// `synthflux defects ...`: defect libraries (laser-scanned depth maps, or a STAND-IN) imported into
// object storage and the catalog, for scan campaigns.
import type { Command } from 'commander';
import { createPrismaClient, type PrismaClient } from '../catalog/client';
import {
  LIBRARY_LIMITS,
  STAND_IN_LIBRARY_LABEL,
  generateStandInLibrary,
  importLibrary,
  isLibraryError,
  listLibraries,
  listLibraryDefects,
  getLibrary,
  readLibrarySource,
  type ImportResult,
  type LibraryDefectRow,
  type LibraryErrorKind,
  type LibrarySource,
  type LibraryWriteDeps,
} from '../library';
import { createS3Client, s3ConfigSchema } from '../store/s3';
import { CliExit, EXIT } from './common';
import { cliConfig } from './context';

const EXIT_OF: Record<LibraryErrorKind, number> = { invalid: EXIT.invalidSpec, conflict: EXIT.failure, 'not-found': EXIT.notFound, integrity: EXIT.failure };

/** The catalog (and, for imports, the object store) for one command; library errors become exit codes. */
async function withCatalog<T>(fn: (prisma: PrismaClient, bucket: string) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const prisma = createPrismaClient(config.DATABASE_URL);
  try {
    return await fn(prisma, config.S3_BUCKET);
  } catch (err) {
    if (isLibraryError(err)) throw new CliExit(EXIT_OF[err.kind], err.message);
    throw err;
  } finally {
    await prisma.$disconnect();
  }
}

export function withLibraries<T>(fn: (deps: LibraryWriteDeps) => Promise<T>): Promise<T> {
  return withCatalog((prisma, bucket) => {
    const s3Config = s3ConfigSchema.safeParse(process.env);
    if (!s3Config.success) throw new CliExit(EXIT.failure, s3Config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    return fn({ prisma, s3: createS3Client(s3Config.data), bucket });
  });
}

const standInMark = (standIn: boolean) => (standIn ? `  [${STAND_IN_LIBRARY_LABEL}]` : '');

function importLines(r: ImportResult, bucket: string): string[] {
  const lib = r.library;
  const what = `${lib.defectCount} defects (${r.measuredCount} with a measured MFL map)`;
  if (r.status === 'unchanged') {
    return [`defect library ${lib.name} is unchanged: the same content (sha256 ${lib.contentHash.slice(0, 16)}) is already imported; nothing was written${standInMark(lib.standIn)}`];
  }
  return [
    `${r.status} defect library ${lib.name}: ${what}${standInMark(lib.standIn)}`,
    `content    sha256 ${lib.contentHash}`,
    `store      s3://${bucket}/${lib.storePrefix}${r.removedObjects > 0 ? `  (the replaced content's ${r.removedObjects} objects removed)` : ''}`,
    `source     ${lib.source}`,
  ];
}

async function runImport(name: string, source: () => Promise<LibrarySource>, replace: boolean): Promise<void> {
  const lines = await withLibraries(async (deps) => importLines(await importLibrary(deps, name, await source(), { replace }), deps.bucket));
  for (const line of lines) console.log(line);
}

const fixed = (v: number, digits: number) => (Math.round(v * 10 ** digits) / 10 ** digits).toFixed(digits);

function defectTable(rows: readonly LibraryDefectRow[]): string[] {
  const header = ['#', 'ID', 'SIDE', 'WALL mm', 'PITCH mm (ax x circ)', 'CELLS', 'MAX DEPTH mm', '% WALL', 'LOSS L x W mm', 'MEASURED'];
  const body = rows.map((r) => [
    String(r.index),
    r.defectId,
    r.side,
    fixed(r.wallThicknessMm, 1),
    `${+r.axialPitchMm.toFixed(3)} x ${+r.circumferentialPitchMm.toFixed(3)}`,
    `${r.axialCount} x ${r.circumferentialCount}`,
    fixed(r.maxDepthMm, 2),
    fixed((100 * r.maxDepthMm) / r.wallThicknessMm, 1),
    `${fixed(r.lossLengthMm, 1)} x ${fixed(r.lossWidthMm, 1)}`,
    r.measuredGrid ? `${r.measuredGrid.axialCount} x ${r.measuredGrid.circumferentialCount} @ ${r.measuredGrid.liftOffMm} mm` : '-',
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((row) => row[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (k <= 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ').trimEnd();
  return [line(header), ...body.map(line)];
}

export function registerDefectCommands(program: Command): void {
  const defects = program.command('defects').description('defect libraries: depth maps of defects as found (laser scans), for scan campaigns');

  defects
    .command('import <name>')
    .description(
      'import depth grids (mm) with per-defect metadata as library NAME: a .npy [n, axial, circumferential], a laser-scan CSV (x, y, depth rows; defect_id for several) ' +
        `or a Zarr v3 store (depths array, metadata in its attributes). Every problem is reported and nothing is imported unless all pass; at most ` +
        `${LIBRARY_LIMITS.maxAxialCount} x ${LIBRARY_LIMITS.maxCircumferentialCount} cells per defect and ${LIBRARY_LIMITS.maxDefects} defects per library`,
    )
    .requiredOption('--from <path>', 'a .npy file, a .csv file or a Zarr v3 store directory')
    .option('--meta <file>', 'the metadata JSON (default: FILE.json beside a .npy or CSV; a Zarr store\'s attributes)')
    .option('--replace', 'replace a library of that name that holds different content')
    .action(async (name: string, opts: { from: string; meta?: string; replace?: boolean }) => {
      await runImport(name, () => readLibrarySource(opts.from, opts.meta), opts.replace === true);
    });

  defects
    .command('stand-in <name>')
    .description(`generate and import a ${STAND_IN_LIBRARY_LABEL}: corrosion-like random depth fields and pit clusters, deterministic in the seed`)
    .option('--count <n>', 'number of defects', '200')
    .option('--seed <n>', 'random seed', '1')
    .option('--replace', 'replace a library of that name that holds different content')
    .action(async (name: string, opts: { count: string; seed: string; replace?: boolean }) => {
      const count = Number(opts.count);
      const seed = Number(opts.seed);
      if (!Number.isInteger(count) || count < 1 || count > LIBRARY_LIMITS.maxDefects) {
        throw new CliExit(EXIT.invalidSpec, `--count: must be an integer from 1 to ${LIBRARY_LIMITS.maxDefects} (got '${opts.count}')`);
      }
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new CliExit(EXIT.invalidSpec, `--seed: must be an integer from 0 to ${0xffffffff} (got '${opts.seed}')`);
      await runImport(name, async () => generateStandInLibrary(count, seed), opts.replace === true);
    });

  defects
    .command('list')
    .description('the defect libraries in the catalog')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withCatalog((prisma) => listLibraries(prisma));
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log('no defect libraries (synthflux defects import NAME --from FILE, or defects stand-in NAME)');
      const width = Math.max(4, ...rows.map((r) => r.name.length));
      console.log(`${'NAME'.padEnd(width)}  DEFECTS  MEASURED  KIND      CREATED                   SOURCE`);
      for (const r of rows) {
        const kind = r.standIn ? 'STAND-IN' : 'scans';
        console.log(`${r.name.padEnd(width)}  ${String(r.defectCount).padStart(7)}  ${String(r.measuredCount).padStart(8)}  ${kind.padEnd(8)}  ${r.createdAt.toISOString()}  ${r.source}`);
      }
    });

  defects
    .command('show <name>')
    .description('a defect library and a table of its defects')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      const { library, rows, bucket } = await withCatalog(async (prisma, bucket) => {
        const library = await getLibrary(prisma, name);
        if (!library) throw new CliExit(EXIT.notFound, `defect library ${name} is not in the catalog (synthflux defects list shows the libraries)`);
        return { library, rows: await listLibraryDefects(prisma, name), bucket };
      });
      if (opts.json) return console.log(JSON.stringify({ ...library, defects: rows }, null, 2));
      console.log(`defect library ${library.name}: ${library.defectCount} defects${standInMark(library.standIn)}`);
      console.log(`content    sha256 ${library.contentHash}`);
      console.log(`store      s3://${bucket}/${library.storePrefix}`);
      console.log(`source     ${library.source}`);
      console.log(`created    ${library.createdAt.toISOString()}`);
      console.log('');
      for (const line of defectTable(rows)) console.log(line);
    });
}
