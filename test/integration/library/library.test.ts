// Defect libraries against the real servers of test/global-setup.ts: imports from .npy, CSV and
// Zarr v3 into MinIO and PostgreSQL, read back with the reader campaigns use; identical re-imports,
// conflicts and replacements; a bad file that leaves catalog and bucket as they were; and the
// STAND-IN library through bin/synthflux.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  generateStandInLibrary,
  importLibrary,
  isLibraryError,
  loadLibraryDefects,
  readLibrarySource,
  type LibraryWriteDeps,
} from '../../../services/library';
import { readObject } from '../../../services/store/s3';
import { BYTES_CODEC, loadZarrita, strides } from '../../../services/store/zarr-arrays';
import { connectTestServers, type TestServers } from '../harness';
import { PIT, meta, tmpDir, writeJson, writeNpy } from '../../unit/library/fixtures';

const run = promisify(execFile);
const cliPath = path.join(__dirname, '..', '..', '..', 'bin', 'synthflux');
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const sensorGrid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 2, circumferentialCount: 2 };
const PATCH = [1, 2, 3, 4];
const MFL = Array.from({ length: 12 }, (_, k) => (k - 6) * 1e-3);

/** The same two scans as a .npy stack with its sidecar and measured-map file. */
function npyFiles(dir: string): string {
  writeNpy(path.join(dir, 'scans.npy'), [2, 4, 3], [...PIT, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0], 'float32');
  writeNpy(path.join(dir, 'p2-mfl.npy'), [3, 2, 2], MFL);
  writeJson(path.join(dir, 'scans.json'), {
    source: 'integration scans',
    defects: [meta('P-1'), meta('P-2', { axialPitchMm: 2, axialCount: 2, circumferentialCount: 2, side: 'near', measured: { file: 'p2-mfl.npy', sensorGrid } })],
  });
  return path.join(dir, 'scans.npy');
}

/** The same scans as a laser-scan CSV: pitches from the coordinates. */
function csvFiles(dir: string): string {
  const lines = ['defect_id,x,y,depth'];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) lines.push(`P-1,${i},${2 * j},${PIT[i * 3 + j]}`);
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) lines.push(`P-2,${2 * i},${2 * j},${PATCH[i * 2 + j]}`);
  fs.writeFileSync(path.join(dir, 'scans.csv'), lines.join('\n'));
  writeNpy(path.join(dir, 'p2-mfl.npy'), [3, 2, 2], MFL);
  const noPitch = { axialPitchMm: undefined, circumferentialPitchMm: undefined };
  writeJson(path.join(dir, 'scans.json'), { defects: [meta('P-1', noPitch), meta('P-2', { ...noPitch, side: 'near', measured: { file: 'p2-mfl.npy', sensorGrid } })] });
  return path.join(dir, 'scans.csv');
}

/** The same scans as a Zarr v3 store, padded with zeros and cropped by counts. */
async function zarrStore(dir: string): Promise<string> {
  const zarr = await loadZarrita();
  const { default: FileSystemStore } = await import('@zarrita/storage/fs');
  const group = await zarr.create(new FileSystemStore(dir), {
    attributes: { defects: [meta('P-1'), meta('P-2', { axialPitchMm: 2, axialCount: 2, circumferentialCount: 2, side: 'near', measured: { sensorGrid } })] },
  });
  const depths = await zarr.create(group.resolve('depths'), { shape: [2, 4, 3], chunkShape: [1, 4, 3], dtype: 'float32', codecs: BYTES_CODEC });
  await zarr.set(depths, null, { data: Float32Array.from([...PIT, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0]), shape: [2, 4, 3], stride: strides([2, 4, 3]) });
  const measured = await zarr.create(group.resolve('measured'), { shape: [2, 3, 2, 2], chunkShape: [1, 3, 2, 2], dtype: 'float64', codecs: BYTES_CODEC, fillValue: NaN });
  await zarr.set(measured, [1, null, null, null], { data: Float64Array.from(MFL), shape: [3, 2, 2], stride: [4, 2, 1] });
  return dir;
}

describe('defect libraries in the object store and the catalog', () => {
  let servers: TestServers;
  let deps: LibraryWriteDeps;
  const name = (what: string) => `it-${what}-${suffix}`;
  const objectsUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const item of servers.s3.listObjectsV2(servers.bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
    return keys.sort();
  };
  const importFile = async (lib: string, file: string, replace = false) => importLibrary(deps, lib, await readLibrarySource(file), { replace });

  beforeAll(() => {
    servers = connectTestServers();
    deps = { prisma: servers.prisma, s3: servers.s3, bucket: servers.bucket };
  });
  afterAll(() => servers?.prisma.$disconnect());

  async function expectScans(lib: string) {
    const loaded = await loadLibraryDefects(deps, lib);
    expect(loaded.defects.map((d) => [d.index, d.id, d.side, d.wallThicknessMm, d.grid.axialPitchMm, d.grid.circumferentialPitchMm, d.grid.axialCount, d.grid.circumferentialCount])).toEqual([
      [0, 'P-1', 'far', 10, 1, 2, 4, 3],
      [1, 'P-2', 'near', 10, 2, 2, 2, 2],
    ]);
    expect(Array.from(loaded.defects[0]!.grid.depthsMm)).toEqual(PIT);
    expect(Array.from(loaded.defects[1]!.grid.depthsMm)).toEqual(PATCH);
    expect(loaded.defects[0]!.measured).toBeUndefined();
    expect(loaded.defects[1]!.measured!.sensorGrid).toEqual(sensorGrid);
    expect(Array.from(loaded.defects[1]!.measured!.tesla)).toEqual(Array.from(Float32Array.from(MFL)));
    return loaded;
  }

  it('imports a .npy stack, catalogs every defect and reads back the same grids, verified by hash', async () => {
    const lib = name('npy');
    const result = await importFile(lib, npyFiles(tmpDir()));
    expect(result).toMatchObject({ status: 'imported', measuredCount: 1, library: { name: lib, defectCount: 2, standIn: false, source: 'integration scans' } });
    expect(result.library.storePrefix).toBe(`libraries/${lib}/${result.library.contentHash.slice(0, 16)}.zarr`);
    const rows = await servers.prisma.libraryDefect.findMany({ where: { libraryName: lib }, orderBy: { index: 'asc' } });
    expect(rows.map((r) => [r.defectId, r.maxDepthMm, r.lossLengthMm, r.lossWidthMm, r.hasMeasured])).toEqual([
      ['P-1', 2.25, 2, 2, false],
      ['P-2', 4, 4, 4, true],
    ]);
    const loaded = await expectScans(lib);
    expect(loaded.defects.map((d) => d.contentHash)).toEqual(rows.map((r) => r.contentHash));
    const attrs = JSON.parse((await readObject(servers.s3, servers.bucket, `${result.library.storePrefix}/zarr.json`))!.toString('utf8'));
    expect(attrs.attributes).toMatchObject({ format: 'synthflux-defect-library/1', name: lib, standIn: false, defects: [{ id: 'P-1', axialCount: 4 }, { id: 'P-2', axialCount: 2 }] });
  });

  it('a re-import of identical content is a no-op; the same scans from CSV and Zarr have the same content', async () => {
    const lib = name('same');
    const first = await importFile(lib, npyFiles(tmpDir()));
    const objects = await objectsUnder(`libraries/${lib}/`);
    const again = await importFile(lib, npyFiles(tmpDir()));
    expect(again).toMatchObject({ status: 'unchanged', library: { contentHash: first.library.contentHash, createdAt: first.library.createdAt } });
    expect(await objectsUnder(`libraries/${lib}/`)).toEqual(objects);
    // Other formats of the same scans: identical content, so a no-op under the same name too.
    expect((await importFile(lib, csvFiles(tmpDir()))).status).toBe('unchanged');
    expect((await importFile(lib, await zarrStore(tmpDir()))).status).toBe('unchanged');
  });

  it('imports a CSV and a Zarr store under their own names and reads back equal grids', async () => {
    const fromCsv = await importFile(name('csv'), csvFiles(tmpDir()));
    const fromZarr = await importFile(name('zarr'), await zarrStore(tmpDir()));
    expect([fromCsv.status, fromZarr.status]).toEqual(['imported', 'imported']);
    await expectScans(name('csv'));
    await expectScans(name('zarr'));
    expect(fromZarr.library.contentHash).toBe(fromCsv.library.contentHash);
  });

  it('refuses different content under an existing name unless replacing; a replacement removes the old objects', async () => {
    const lib = name('replace');
    const first = await importFile(lib, npyFiles(tmpDir()));
    const dir = tmpDir();
    writeNpy(path.join(dir, 'other.npy'), [4, 3], PIT.map((v) => v * 2));
    writeJson(path.join(dir, 'other.json'), { defects: [meta('Q-1')] });
    const refused = await importFile(lib, path.join(dir, 'other.npy')).catch((e: unknown) => e);
    expect(isLibraryError(refused) && refused.kind).toBe('conflict');
    expect((refused as Error).message).toMatch(new RegExp(`library ${lib} already holds different content .* pass --replace to replace it`));
    expect((await loadLibraryDefects(deps, lib)).library.contentHash).toBe(first.library.contentHash);
    expect(await objectsUnder(`${first.library.storePrefix}/`)).not.toEqual([]);

    const replaced = await importFile(lib, path.join(dir, 'other.npy'), true);
    expect(replaced).toMatchObject({ status: 'replaced', library: { defectCount: 1 } });
    expect(replaced.removedObjects).toBeGreaterThan(0);
    expect(await objectsUnder(`${first.library.storePrefix}/`)).toEqual([]);
    const loaded = await loadLibraryDefects(deps, lib);
    expect(loaded.defects.map((d) => d.id)).toEqual(['Q-1']);
    expect(await servers.prisma.libraryDefect.count({ where: { libraryName: lib } })).toBe(1);
  });

  it('a bad file imports nothing: every problem reported, catalog and bucket unchanged', async () => {
    const existing = name('keep');
    await importFile(existing, npyFiles(tmpDir()));
    const before = { objects: await objectsUnder('libraries/'), libraries: await servers.prisma.defectLibrary.findMany({ orderBy: { name: 'asc' } }), defects: await servers.prisma.libraryDefect.count() };
    const dir = tmpDir();
    writeNpy(path.join(dir, 'bad.npy'), [3, 2, 2], [0, 1, 2, 3, /* NaN */ NaN, 1, 0, 0, /* beyond */ 11, 1, -1, 0]);
    writeJson(path.join(dir, 'bad.json'), { defects: [meta('G-1'), meta('G-2'), meta('G-3')] });
    for (const lib of [name('bad'), existing]) {
      const err = await importFile(lib, path.join(dir, 'bad.npy'), true).catch((e: unknown) => e);
      expect(isLibraryError(err) && err.kind).toBe('invalid');
      expect(err).toMatchObject({ issues: [expect.objectContaining({ defect: 'G-2', field: 'depths' }), expect.objectContaining({ defect: 'G-3', field: 'depths' }), expect.objectContaining({ defect: 'G-3', field: 'depths' })] });
      expect((err as Error).message).toMatch(/3 problems; nothing was imported\n/);
    }
    expect(await objectsUnder('libraries/')).toEqual(before.objects);
    expect(await servers.prisma.defectLibrary.findMany({ orderBy: { name: 'asc' } })).toEqual(before.libraries);
    expect(await servers.prisma.libraryDefect.count()).toBe(before.defects);
  });

  it('a stored grid that no longer matches its catalog hash is refused on read', async () => {
    const lib = name('tamper');
    const { library } = await importFile(lib, npyFiles(tmpDir()));
    const chunk = `${library.storePrefix}/depths/c/0/0/0`;
    const bytes = (await readObject(servers.s3, servers.bucket, chunk))!;
    bytes.writeFloatLE(9, 4 * 4);
    await servers.s3.putObject(servers.bucket, chunk, bytes, bytes.length);
    const err = await loadLibraryDefects(deps, lib).catch((e: unknown) => e);
    expect(isLibraryError(err) && err.kind).toBe('integrity');
    expect((err as Error).message).toContain("the stored content of 1 defects (P-1) does not match the catalog's content hash");
    await expect(loadLibraryDefects(deps, name('never'))).rejects.toThrow(/is not in the catalog/);
    await expect(loadLibraryDefects(deps, lib, { ids: ['P-2', 'Z-9'] })).rejects.toThrow(/has no defect Z-9/);
    expect((await loadLibraryDefects(deps, lib, { ids: ['P-2'] })).defects.map((d) => d.id)).toEqual(['P-2']);
  });

  describe('through bin/synthflux', () => {
    const cli = (args: string[]) =>
      run(cliPath, ['defects', ...args], {
        env: {
          ...process.env,
          SYNTHFLUX_STACK_DIR: path.join(tmpDir(), 'no-stack'),
          DATABASE_URL: servers.databaseUrl,
          S3_ENDPOINT: servers.s3Config.endpoint,
          S3_ACCESS_KEY: servers.s3Config.accessKey,
          S3_SECRET_KEY: servers.s3Config.secretKey,
          S3_BUCKET: servers.bucket,
        },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
      );

    it('generates and imports a STAND-IN library, labelled wherever it shows, and lists and shows it', async () => {
      const lib = name('standin');
      const imported = await cli(['stand-in', lib, '--count', '12', '--seed', '4']);
      expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining(`imported defect library ${lib}: 12 defects (0 with a measured MFL map)  [STAND-IN defect library`) });
      const again = await cli(['stand-in', lib, '--count', '12', '--seed', '4']);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining(`defect library ${lib} is unchanged`) });

      const loaded = await loadLibraryDefects(deps, lib);
      expect(loaded.library).toMatchObject({ standIn: true, defectCount: 12, source: expect.stringMatching(/^STAND-IN defect library/) });
      // The same generator in-process gives the same content: the CLI took the import path, nothing else.
      const inProcess = await importLibrary(deps, lib, generateStandInLibrary(12, 4));
      expect(inProcess.status).toBe('unchanged');
      const attrs = JSON.parse((await readObject(servers.s3, servers.bucket, `${loaded.library.storePrefix}/zarr.json`))!.toString('utf8')).attributes;
      expect(attrs).toMatchObject({ standIn: true, label: expect.stringMatching(/^STAND-IN/) });

      const list = await cli(['list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`${lib}\\s+12\\s+0\\s+STAND-IN`));
      const show = await cli(['show', lib]);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain(`defect library ${lib}: 12 defects  [STAND-IN defect library`);
      const table = show.stdout.split('\n').filter((l) => /^\d+\s+SI-4-/.test(l));
      expect(table).toHaveLength(12);
      expect(show.stdout).toMatch(/#\s+ID\s+SIDE\s+WALL mm/);
      expect(JSON.parse((await cli(['show', lib, '--json'])).stdout).defects).toHaveLength(12);
    });

    it('reports every problem of a bad file with exit code 2, and unknown libraries with 3', async () => {
      const dir = tmpDir();
      writeNpy(path.join(dir, 'bad.npy'), [2, 2], [0, NaN, -1, 0]);
      writeJson(path.join(dir, 'bad.json'), { defects: [meta('C-1', { side: 'up' })] });
      const bad = await cli(['import', name('cli-bad'), '--from', path.join(dir, 'bad.npy')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("defect C-1: side: must be one of near, far (got 'up')");
      expect(bad.stderr).toContain('nothing was imported');
      expect(await servers.prisma.defectLibrary.count({ where: { name: name('cli-bad') } })).toBe(0);
      expect((await cli(['show', name('nowhere')])).code).toBe(3);
      const ok = await cli(['import', name('cli-ok'), '--from', npyFiles(tmpDir())]);
      expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('2 defects (1 with a measured MFL map)') });
    });
  });
});
