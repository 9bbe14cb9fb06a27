import { DEFECTS_ARRAY, createDataset, hasDefects, readDefects, readSignals, writeBatchArrays, type DatasetLayout } from '../../../services/store/dataset';
import { readObject } from '../../../services/store/s3';
import { writeRows } from '../../../services/store/zarr-arrays';
import { connectTestServers, type TestServers } from '../harness';

describe('campaign dataset in S3 (Zarr v3)', () => {
  let servers: TestServers;
  beforeAll(() => {
    servers = connectTestServers();
  });
  afterAll(async () => {
    await servers.prisma.$disconnect();
  });

  const layout: DatasetLayout = { count: 5, batchSize: 2, channels: ['Bx', 'By', 'Bz'], axialCount: 4, circumferentialCount: 3, paramNames: ['a', 'b'] };
  const cells = { axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 4, circumferentialCount: 3 };
  const mapSize = 3 * 4 * 3;
  const batch = (start: number, count: number) => ({
    startIndex: start,
    count,
    signals: Float32Array.from({ length: count * mapSize }, (_, i) => start * 1000 + i),
    params: Float64Array.from({ length: count * 2 }, (_, i) => start + i / 10),
    defects: Float32Array.from({ length: count * 12 }, (_, i) => start + i / 100),
  });

  it('writes batches as chunks, including a partial last chunk, and reads them back', async () => {
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-test-${Date.now()}/dataset.zarr` };
    await createDataset(servers.s3, loc, layout, { purpose: 'test' }, cells);
    // Out of order, as concurrent batches finish.
    const keys = await writeBatchArrays(servers.s3, loc, layout, batch(4, 1));
    await writeBatchArrays(servers.s3, loc, layout, batch(0, 2));
    await writeBatchArrays(servers.s3, loc, layout, batch(2, 2));
    expect(keys).toEqual([`${loc.prefix}/signals/c/2/0/0/0`, `${loc.prefix}/params/c/2/0`, `${loc.prefix}/defects/c/2/0/0`]);

    const all = await readSignals(servers.s3, loc, 0, 5);
    expect(all.shape).toEqual([5, 3, 4, 3]);
    expect(Array.from(all.data.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(all.data[2 * mapSize]).toBe(2000);
    expect(all.data[4 * mapSize + 5]).toBe(4005);

    const meta = JSON.parse((await readObject(servers.s3, servers.bucket, `${loc.prefix}/signals/zarr.json`))!.toString());
    expect(meta).toMatchObject({ zarr_format: 3, node_type: 'array', shape: [5, 3, 4, 3], data_type: 'float32' });
    expect(meta.codecs).toEqual([{ name: 'bytes', configuration: { endian: 'little' } }]);
  });

  it('stores the depth maps beside the signals: [N, axial, circumferential] mm on the sensor cells, chunked by batch', async () => {
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-defects-${Date.now()}/dataset.zarr` };
    await createDataset(servers.s3, loc, layout, {}, cells);
    await writeBatchArrays(servers.s3, loc, layout, batch(2, 2));
    // A retry writes the same bytes again.
    await writeBatchArrays(servers.s3, loc, layout, batch(2, 2));
    expect(await hasDefects(servers.s3, loc)).toBe(true);
    const rows = (await readDefects(servers.s3, loc, 0, 5))!;
    expect(rows.shape).toEqual([5, 4, 3]);
    // Batch 0 not written yet: its rows hold the fill value, NaN.
    expect(Number.isNaN(rows.data[0])).toBe(true);
    expect(Array.from(rows.data.subarray(2 * 12, 2 * 12 + 3))).toEqual([2, 2.01, 2.02].map(Math.fround));
    expect(rows.attrs).toMatchObject({ units: 'mm', grid: { axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 4, circumferentialCount: 3 } });
    expect(String(rows.attrs.depthFrom)).toContain('defectSide');

    const meta = JSON.parse((await readObject(servers.s3, servers.bucket, `${loc.prefix}/${DEFECTS_ARRAY}/zarr.json`))!.toString());
    expect(meta).toMatchObject({
      shape: [5, 4, 3],
      data_type: 'float32',
      fill_value: 'NaN',
      chunk_grid: { configuration: { chunk_shape: [2, 4, 3] } },
      dimension_names: ['simulation', 'axial', 'circumferential'],
    });
    const chunk = await readObject(servers.s3, servers.bucket, `${loc.prefix}/defects/c/1/0/0`);
    expect(chunk).toHaveLength(2 * 12 * 4);
  });

  it('rewriting rows of a small chunk that exists stores exactly that chunk (retry-failed, a retried batch)', async () => {
    // A small chunk comes back from the store inside a shared buffer; rewriting part of it must
    // store the chunk's own bytes, not the buffer's.
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-rewrite-${Date.now()}/dataset.zarr` };
    await createDataset(servers.s3, loc, layout, {}, cells);
    await writeBatchArrays(servers.s3, loc, layout, batch(2, 2));
    await writeBatchArrays(servers.s3, loc, layout, batch(4, 1));
    const rewritten = Float32Array.from({ length: 12 }, (_, i) => 30 + i / 100);
    await writeRows(servers.s3, loc, DEFECTS_ARRAY, 3, rewritten);
    await writeRows(servers.s3, loc, DEFECTS_ARRAY, 4, rewritten);
    for (const chunk of ['1/0/0', '2/0/0']) expect(await readObject(servers.s3, servers.bucket, `${loc.prefix}/defects/c/${chunk}`)).toHaveLength(2 * 12 * 4);
    const rows = (await readDefects(servers.s3, loc, 2, 3))!.data;
    expect(Array.from(rows.subarray(0, 12))).toEqual(Array.from(batch(2, 1).defects));
    expect(Array.from(rows.subarray(12, 24))).toEqual(Array.from(rewritten));
    expect(Array.from(rows.subarray(24, 36))).toEqual(Array.from(rewritten));
  });

  it('a store without a defects array (written before depth maps were stored) reads as having none', async () => {
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-old-${Date.now()}/dataset.zarr` };
    await createDataset(servers.s3, loc, layout, {}, cells);
    await servers.s3.removeObject(servers.bucket, `${loc.prefix}/${DEFECTS_ARRAY}/zarr.json`);
    expect(await hasDefects(servers.s3, loc)).toBe(false);
    expect(await readDefects(servers.s3, loc, 0, 2)).toBeUndefined();
    const { defects: _none, ...withoutDefects } = batch(0, 2);
    expect(await writeBatchArrays(servers.s3, loc, layout, withoutDefects)).toEqual([`${loc.prefix}/signals/c/0/0/0/0`, `${loc.prefix}/params/c/0/0`]);
    expect((await readSignals(servers.s3, loc, 0, 2)).shape).toEqual([2, 3, 4, 3]);
  });

  it('refuses a depth-map grid that is not the maps grid', async () => {
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-bad-${Date.now()}/dataset.zarr` };
    await expect(createDataset(servers.s3, loc, layout, {}, { ...cells, axialCount: 5 })).rejects.toThrow("cells: the depth maps' grid must be the maps' 4 x 3, got 5 x 3");
  });
});
