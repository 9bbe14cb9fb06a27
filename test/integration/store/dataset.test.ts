import { createDataset, readSignals, writeBatchArrays, type DatasetLayout } from '../../../services/store/dataset';
import { readObject } from '../../../services/store/s3';
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

  it('writes batches as chunks, including a partial last chunk, and reads them back', async () => {
    const loc = { bucket: servers.bucket, prefix: `campaigns/store-test-${Date.now()}/dataset.zarr` };
    await createDataset(servers.s3, loc, layout, { purpose: 'test' });
    const mapSize = 3 * 4 * 3;
    const batch = (start: number, count: number) => ({
      startIndex: start,
      count,
      signals: Float32Array.from({ length: count * mapSize }, (_, i) => start * 1000 + i),
      params: Float64Array.from({ length: count * 2 }, (_, i) => start + i / 10),
    });
    // Out of order, as concurrent batches finish.
    const keys = await writeBatchArrays(servers.s3, loc, layout, batch(4, 1));
    await writeBatchArrays(servers.s3, loc, layout, batch(0, 2));
    await writeBatchArrays(servers.s3, loc, layout, batch(2, 2));
    expect(keys).toEqual([`${loc.prefix}/signals/c/2/0/0/0`, `${loc.prefix}/params/c/2/0`]);

    const all = await readSignals(servers.s3, loc, 0, 5);
    expect(all.shape).toEqual([5, 3, 4, 3]);
    expect(Array.from(all.data.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(all.data[2 * mapSize]).toBe(2000);
    expect(all.data[4 * mapSize + 5]).toBe(4005);

    const meta = JSON.parse((await readObject(servers.s3, servers.bucket, `${loc.prefix}/signals/zarr.json`))!.toString());
    expect(meta).toMatchObject({ zarr_format: 3, node_type: 'array', shape: [5, 3, 4, 3], data_type: 'float32' });
    expect(meta.codecs).toEqual([{ name: 'bytes', configuration: { endian: 'little' } }]);
  });
});
