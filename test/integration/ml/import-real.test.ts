import { createCampaignFixture, type CampaignFixture } from '../campaign/fixtures';
import { importRealData, type RealDataInput } from '../../../services/ml/real-data';
import { generateStandIn } from '../../../services/ml/standin/generate';
import { loadCampaignSpec, sensorGridOf } from '../../../services/campaign';
import { readObject } from '../../../services/store/s3';
import { decodeNpy } from '../../../services/ml/npy';

const spec = loadCampaignSpec(`name: real-import
count: 10
sampler: uniform
solver: { model: dipole, sensorGrid: { axialCount: 16, circumferentialCount: 8 } }
batchSize: 10
`);
const grid = sensorGridOf(spec);

describe('importing measured maps against a campaign sensor grid', () => {
  let f: CampaignFixture;
  const campaign = { id: 'import-real-test', grid };
  const input = (over: Partial<RealDataInput>): RealDataInput => {
    const set = generateStandIn(spec, grid, 6, 3);
    return { name: 't', source: 'STAND_IN', maps: { dtype: 'float32', data: set.maps, shape: [...set.shape] }, units: 'T', channels: ['Bx', 'By', 'Bz'], ...over };
  };
  const deps = () => ({ s3: f.servers.s3, bucket: f.servers.bucket, db: f.servers.prisma });

  beforeAll(async () => {
    f = await createCampaignFixture();
  });
  afterAll(() => f?.close());

  it('stores a valid set in tesla with its labels and catalogs it as a stand-in', async () => {
    const set = generateStandIn(spec, grid, 6, 3);
    const mT = Float32Array.from(set.maps, (v) => v * 1e3);
    const row = await importRealData(deps(), campaign, input({
      maps: { dtype: 'float32', data: mT, shape: [...set.shape] },
      units: 'mT',
      labels: { dtype: 'float64', data: set.labels, shape: [6, set.labelNames.length] },
      labelNames: set.labelNames,
    }));
    expect(row).toMatchObject({ source: 'STAND_IN', count: 6, units: 'T', shape: [6, 3, 16, 8] });
    const stored = decodeNpy((await readObject(f.servers.s3, f.servers.bucket, row.mapsKey))!);
    expect(stored.data[100]).toBeCloseTo(set.maps[100]!, 9);
    const manifest = JSON.parse((await readObject(f.servers.s3, f.servers.bucket, row.mapsKey.replace('maps.npy', 'manifest.json')))!.toString('utf8'));
    expect(manifest.note).toMatch(/STAND-IN/);
    expect(await f.servers.prisma.realDataset.count({ where: { id: row.id } })).toBe(1);
  });

  it('rejects a shape that does not match the sensor grid, naming both', async () => {
    await expect(importRealData(deps(), campaign, input({ maps: { dtype: 'float32', data: new Float32Array(2 * 3 * 16 * 9), shape: [2, 3, 16, 9] } }))).rejects.toThrow(
      /shape mismatch: maps are \[3, 16, 9\] per map but the campaign's sensor grid is \[3, 16, 8\]/,
    );
  });

  it('rejects an empty set', async () => {
    await expect(importRealData(deps(), campaign, input({ maps: { dtype: 'float32', data: new Float32Array(0), shape: [0, 3, 16, 8] } }))).rejects.toThrow(/empty \(0 maps\)/);
  });

  it('rejects NaN maps, naming the rows', async () => {
    const bad = input({});
    (bad.maps.data as Float32Array)[2 * 384 + 7] = NaN;
    await expect(importRealData(deps(), campaign, bad)).rejects.toThrow(/1 of 6 maps contain NaN or infinite values \(rows 2\)/);
  });

  it('rejects wrong channels, unknown units and implausible magnitudes', async () => {
    await expect(importRealData(deps(), campaign, input({ channels: ['Bz', 'By', 'Bx'] }))).rejects.toThrow(/channels must be Bx, By, Bz/);
    await expect(importRealData(deps(), campaign, input({ units: 'kA/m' }))).rejects.toThrow(/units 'kA\/m' are not supported/);
    const set = input({});
    await expect(importRealData(deps(), campaign, { ...set, maps: { dtype: 'float32', shape: set.maps.shape, data: Float32Array.from(set.maps.data, (v) => v * 1e6) } })).rejects.toThrow(/are the units really T/);
  });
});
