import fs from 'node:fs';
import path from 'node:path';
import { formatLibraryIssues } from '../../../services/library/errors';
import { contentHashes } from '../../../services/library/content-hash';
import { readLibrarySource } from '../../../services/library/sources/read';
import { validateLibrary } from '../../../services/library/validate';
import { writeLibraryGroup, type ZarrStore } from '../../../services/library/store';
import { BYTES_CODEC, loadZarrita, strides } from '../../../services/store/zarr-arrays';
import { PIT, meta, tmpDir, writeJson, writeNpy } from './fixtures';

const sensorGrid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 2, circumferentialCount: 2 };
const fsStore = async (dir: string): Promise<ZarrStore> => {
  const { default: FileSystemStore } = await import('@zarrita/storage/fs');
  return new FileSystemStore(dir);
};

async function readValid(file: string, metaFile?: string) {
  const source = await readLibrarySource(file, metaFile);
  const { content, issues } = validateLibrary(source);
  expect(formatLibraryIssues(issues)).toBe('');
  return { source, content };
}

/** Two defects: the pit (4 x 3, 1 x 2 mm) and a 2 x 2 patch (2 x 2 mm) with a measured map. */
function writeNpyLibrary(dir: string): string {
  const file = path.join(dir, 'scans.npy');
  const padded = [...PIT, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0];
  writeNpy(file, [2, 4, 3], padded, 'float32');
  writeNpy(path.join(dir, 'p2-mfl.npy'), [3, 2, 2], new Array<number>(12).fill(0).map((_, k) => k * 1e-3));
  writeJson(path.join(dir, 'scans.json'), {
    source: 'two test scans',
    defects: [meta('P-1'), meta('P-2', { axialPitchMm: 2, axialCount: 2, circumferentialCount: 2, side: 'near', measured: { file: 'p2-mfl.npy', sensorGrid } })],
  });
  return file;
}

describe('reading an import: .npy, CSV and Zarr v3 with their metadata', () => {
  it('a .npy stack with its sidecar beside it, cropped by per-defect counts, with a measured map file', async () => {
    const dir = tmpDir();
    const { source, content } = await readValid(writeNpyLibrary(dir));
    expect(source.description).toBe('two test scans');
    expect(content.defects.map((d) => [d.id, d.grid.axialCount, d.grid.circumferentialCount, d.side])).toEqual([
      ['P-1', 4, 3, 'far'],
      ['P-2', 2, 2, 'near'],
    ]);
    expect(Array.from(content.defects[1]!.grid.depthsMm)).toEqual([1, 2, 3, 4]);
    expect(content.defects[1]!.measured!.tesla[11]).toBeCloseTo(0.011, 9);
    expect(content.defects[0]!.measured).toBeUndefined();
  });

  it('a 2-D .npy is one defect; --meta names the sidecar; scans.npy.json is found too', async () => {
    const dir = tmpDir();
    writeNpy(path.join(dir, 'one.npy'), [4, 3], PIT);
    writeJson(path.join(dir, 'elsewhere.json'), { defects: [meta('ONE')] });
    expect((await readValid(path.join(dir, 'one.npy'), path.join(dir, 'elsewhere.json'))).content.defects[0]!.id).toBe('ONE');
    fs.renameSync(path.join(dir, 'elsewhere.json'), path.join(dir, 'one.npy.json'));
    expect((await readValid(path.join(dir, 'one.npy'))).source.description).toBe('one.npy + one.npy.json');
  });

  it('a CSV with defect_id, paired with metadata by id; the same scans as .npy have the same content hash', async () => {
    const dir = tmpDir();
    const lines = ['defect_id,x,y,depth'];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) lines.push(`P-1,${10 + i},${2 * j},${PIT[i * 3 + j]}`);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) lines.push(`P-2,${2 * i},${2 * j},${[1, 2, 3, 4][i * 2 + j]}`);
    fs.writeFileSync(path.join(dir, 'scans.csv'), lines.join('\n'));
    writeNpy(path.join(dir, 'p2-mfl.npy'), [3, 2, 2], new Array<number>(12).fill(0).map((_, k) => k * 1e-3));
    // Pitches come from the coordinates; the metadata need not repeat them.
    writeJson(path.join(dir, 'scans.json'), {
      defects: [meta('P-1', { axialPitchMm: undefined, circumferentialPitchMm: undefined }), meta('P-2', { axialPitchMm: undefined, circumferentialPitchMm: undefined, side: 'near', measured: { file: 'p2-mfl.npy', sensorGrid } })],
    });
    const csv = await readValid(path.join(dir, 'scans.csv'));
    const npy = await readValid(writeNpyLibrary(tmpDir()));
    expect(csv.content.defects.map((d) => d.grid.axialPitchMm)).toEqual([1, 2]);
    expect(contentHashes(csv.content)).toEqual(contentHashes(npy.content));
  });

  it('a single-defect CSV without defect_id takes the one metadata entry', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'pit.csv'), ['0,0,0', '0,1,1.5', '1,0,0', '1,1,0'].join('\n'));
    writeJson(path.join(dir, 'pit.json'), { defects: [meta('PIT', { axialPitchMm: undefined, circumferentialPitchMm: undefined })] });
    const { content } = await readValid(path.join(dir, 'pit.csv'));
    expect(content.defects[0]!.grid).toMatchObject({ axialCount: 2, circumferentialCount: 2, axialPitchMm: 1, circumferentialPitchMm: 1 });
  });

  it('a Zarr v3 store with metadata in its attributes and measured maps in an array', async () => {
    const dir = tmpDir();
    const zarr = await loadZarrita();
    const store = await fsStore(dir);
    const group = await zarr.create(store, { attributes: { defects: [meta('Z-1', { measured: { sensorGrid } }), meta('Z-2')] } });
    const depths = await zarr.create(group.resolve('depths'), { shape: [2, 4, 3], chunkShape: [1, 4, 3], dtype: 'float64', codecs: BYTES_CODEC });
    await zarr.set(depths, null, { data: Float64Array.from([...PIT, ...PIT.map((v) => v * 2)]), shape: [2, 4, 3], stride: strides([2, 4, 3]) });
    const measured = await zarr.create(group.resolve('measured'), { shape: [2, 3, 3, 3], chunkShape: [1, 3, 3, 3], dtype: 'float32', codecs: BYTES_CODEC });
    await zarr.set(measured, null, { data: Float32Array.from({ length: 54 }, (_, k) => k * 1e-4), shape: [2, 3, 3, 3], stride: strides([2, 3, 3, 3]) });
    const { content } = await readValid(dir);
    expect(Array.from(content.defects[1]!.grid.depthsMm)).toEqual(PIT.map((v) => v * 2));
    // Defect 0's 2 x 2 sensor grid inside the 3 x 3 maps: channel 1 starts at 9; rows of 3.
    expect(Array.from(content.defects[0]!.measured!.tesla.subarray(4, 8)).map((v) => Math.round(v * 1e4))).toEqual([9, 10, 12, 13]);
  });

  it('a stored library group is itself an importable Zarr store with the same content hash', async () => {
    const { content } = await readValid(writeNpyLibrary(tmpDir()));
    const dir = tmpDir();
    await writeLibraryGroup(await fsStore(dir), content, { name: 'round-trip', standIn: false });
    const again = await readValid(dir);
    expect(contentHashes(again.content)).toEqual(contentHashes(content));
    // Padding is NaN, outside every defect's counts.
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'depths', 'zarr.json'), 'utf8'));
    expect(stored).toMatchObject({ shape: [2, 4, 3], fill_value: 'NaN', attributes: { units: 'mm' } });
  });

  describe('problems of the files', () => {
    it('a missing file, an unsupported type, a missing sidecar', async () => {
      const dir = tmpDir();
      expect((await readLibrarySource(path.join(dir, 'none.npy'))).issues[0]!.message).toMatch(/^not found: /);
      fs.writeFileSync(path.join(dir, 'scan.xyz'), '');
      expect((await readLibrarySource(path.join(dir, 'scan.xyz'))).issues[0]!.message).toMatch(/unsupported file type '.xyz'/);
      writeNpy(path.join(dir, 'lonely.npy'), [4, 3], PIT);
      expect(formatLibraryIssues((await readLibrarySource(path.join(dir, 'lonely.npy'))).issues)).toMatch(/^metadata: no metadata file: give --meta FILE, or put .*lonely.json or .*lonely.npy.json beside the depths$/);
    });

    it('a grid count that does not match the metadata, a wrong shape, unreadable JSON and a missing measured file', async () => {
      const dir = tmpDir();
      writeNpy(path.join(dir, 'a.npy'), [2, 4, 3], [...PIT, ...PIT]);
      writeJson(path.join(dir, 'a.json'), { defects: [meta('A-1', { axialCount: 5 }), meta('A-2', { measured: { file: 'gone.npy', sensorGrid } }), meta('A-3')] });
      const text = formatLibraryIssues(validateLibrary(await readLibrarySource(path.join(dir, 'a.npy'))).issues);
      expect(text).toContain('defects: the metadata lists 3 defects but');
      expect(text).toContain('defect A-1: axialCount: axialCount 5 is larger than the grid in');
      expect(text).toMatch(/defect A-2: measured.file: file not found: .*gone.npy/);
      writeNpy(path.join(dir, 'b.npy'), [2, 2, 2, 3], new Array<number>(24).fill(1));
      writeJson(path.join(dir, 'b.json'), { defects: [meta('B-1')] });
      expect(formatLibraryIssues((await readLibrarySource(path.join(dir, 'b.npy'))).issues)).toMatch(/depths: .*b.npy has shape \[2, 2, 2, 3\]; expected \[n, axial, circumferential\]/);
      fs.writeFileSync(path.join(dir, 'c.json'), '{ defects: ');
      writeNpy(path.join(dir, 'c.npy'), [4, 3], PIT);
      expect(formatLibraryIssues((await readLibrarySource(path.join(dir, 'c.npy'))).issues)).toMatch(/^metadata: .*c.json is not readable JSON/);
    });

    it('a CSV whose ids and metadata disagree', async () => {
      const dir = tmpDir();
      fs.writeFileSync(path.join(dir, 's.csv'), ['defect_id,x,y,depth', 'K-1,0,0,1', 'K-9,0,0,1'].join('\n'));
      writeJson(path.join(dir, 's.json'), { defects: [meta('K-1'), meta('K-2')] });
      const text = formatLibraryIssues(validateLibrary(await readLibrarySource(path.join(dir, 's.csv'))).issues);
      expect(text).toContain('defect K-2: depths: ');
      expect(text).toContain('has no rows with defect_id K-2');
      expect(text).toContain('defect K-9: metadata: defect_id K-9 of');
    });

    it('a Zarr store that is not a group, has no depths, or measured maps smaller than their sensor grid', async () => {
      const zarr = await loadZarrita();
      const notGroup = tmpDir();
      expect(formatLibraryIssues((await readLibrarySource(notGroup)).issues)).toMatch(/is not a Zarr v3 group/);
      const dir = tmpDir();
      const group = await zarr.create(await fsStore(dir), { attributes: { defects: [meta('Z-1', { measured: { sensorGrid: { ...sensorGrid, axialCount: 9 } } })] } });
      expect(formatLibraryIssues((await readLibrarySource(dir)).issues)).toMatch(/^depths: .* has no depths array/);
      const depths = await zarr.create(group.resolve('depths'), { shape: [1, 4, 3], chunkShape: [1, 4, 3], dtype: 'float32', codecs: BYTES_CODEC });
      await zarr.set(depths, null, { data: Float32Array.from(PIT), shape: [1, 4, 3], stride: strides([1, 4, 3]) });
      expect(formatLibraryIssues((await readLibrarySource(dir)).issues)).toMatch(/^defect Z-1: measured: the metadata gives a measured map but .* has no measured array/);
      await zarr.create(group.resolve('measured'), { shape: [1, 3, 4, 4], chunkShape: [1, 3, 4, 4], dtype: 'float32', codecs: BYTES_CODEC, fillValue: 0 });
      expect(formatLibraryIssues((await readLibrarySource(dir)).issues)).toMatch(/^defect Z-1: measured.sensorGrid: a 9 x 2 sensor grid does not fit .*measured, whose maps are 4 x 4$/);
    });
  });
});
