import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCampaignSpec, sensorGridOf } from '../../../services/campaign';
import { generateStandIn } from '../../../services/ml/standin/generate';
import { isRealDataError, validateRealData } from '../../../services/ml/real-data';
import { readZarrMaps } from '../../../services/ml/zarr-input';
import { BYTES_CODEC, loadZarrita, strides } from '../../../services/store/zarr-arrays';

const spec = loadCampaignSpec('name: zarr-in\ncount: 6\nsampler: uniform\nsolver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }\n');
const grid = sensorGridOf(spec);

/** Writes maps as a Zarr v3 array (at the root, or as `signals` in a group) with zarrita's filesystem store. */
async function writeZarr(dir: string, maps: Float32Array, shape: number[], asGroup: boolean): Promise<void> {
  const zarr = await loadZarrita();
  const { default: FileSystemStore } = await import('@zarrita/storage/fs');
  const store = new FileSystemStore(dir);
  const location = asGroup ? (await zarr.create(store)).resolve('signals') : zarr.root(store);
  const arr = await zarr.create(location, { shape, chunkShape: [2, ...shape.slice(1)], dtype: 'float32', codecs: BYTES_CODEC });
  await zarr.set(arr, null, { data: maps, shape, stride: strides(shape) });
}

describe('measured maps from a local Zarr v3 store', () => {
  const set = generateStandIn(spec, grid, 6, 3);
  const shape = [...set.shape];

  it.each([
    ['a group with a signals array (a dataset export)', true],
    ['an array at the root', false],
  ])('reads %s, chunk by chunk, into the validated set', async (_label, asGroup) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zarr-in-'));
    await writeZarr(dir, set.maps, shape, asGroup);
    const maps = await readZarrMaps(dir);
    expect(maps.dtype).toBe('float32');
    expect(maps.shape).toEqual(shape);
    expect(Array.from(maps.data)).toEqual(Array.from(set.maps));
    const validated = validateRealData({ name: 'z', source: 'STAND_IN', maps, units: 'T', channels: ['Bx', 'By', 'Bz'] }, grid);
    expect(validated.length).toBe(set.maps.length);
  });

  it('rejects a folder that is not a Zarr v3 store, and a group without the array', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zarr-in-'));
    await expect(readZarrMaps(empty)).rejects.toThrow('not a Zarr v3 store (no zarr.json)');
    const group = fs.mkdtempSync(path.join(os.tmpdir(), 'zarr-in-'));
    await writeZarr(group, set.maps, shape, true);
    const err = await readZarrMaps(group, 'refined').catch((e: unknown) => e);
    expect(isRealDataError(err)).toBe(true);
    expect((err as Error).message).toContain("no Zarr array 'refined' in the group");
  });
});
