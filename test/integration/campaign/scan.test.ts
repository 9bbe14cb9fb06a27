// A scan campaign on the real stack (Temporal, PostgreSQL, S3, gRPC solver): a STAND-IN defect
// library imported into the catalog and the object store, its defects varied by the scan sampler,
// solved as depth maps by the FEM model through the solver contract, each row naming its defect.

import { isCampaignSpecError, loadCampaignSpec, type CampaignSpec } from '../../../services/campaign';
import { getCampaign } from '../../../services/catalog/campaigns';
import { submitCampaign } from '../../../services/control/submit';
import { verifyDataset } from '../../../services/control/verify';
import { generateStandInLibrary, importLibrary } from '../../../services/library';
import { createCampaignFixture, type CampaignFixture } from './fixtures';

const COUNT = 6;

describe('scan campaigns', () => {
  let f: CampaignFixture;
  let libraryHash: string;
  beforeAll(async () => {
    f = await createCampaignFixture();
    const imported = await importLibrary(f.deps, 'scan-it-lib', generateStandInLibrary(4, 7));
    libraryHash = imported.library.contentHash;
  });
  afterAll(async () => {
    await f?.close();
  });
  const control = () => ({ prisma: f.servers.prisma, temporal: f.client, bucket: f.servers.bucket });
  const spec = (name: string, library: string): CampaignSpec =>
    loadCampaignSpec(
      `name: ${name}\ncount: ${COUNT}\nseed: 5\nsampler: scan\n` +
        `scan: { library: ${library}, lengthScale: { min: 0.15, max: 0.25 }, widthScale: { min: 0.15, max: 0.25 }, mirror: { axial: 0.5 } }\n` +
        `parameters: { backgroundField: 20, wallThickness: 10 }\n` +
        `solver: { model: fem, mesh: coarse, sensorGrid: { axialPitch: 4, circumferentialPitch: 4, axialCount: 12, circumferentialCount: 8 } }\nbatchSize: 3\n`,
    );

  it('solves each variation as a depth map and records the library defect and its variation', async () => {
    const submitted = await submitCampaign(control(), spec('scan-it', 'scan-it-lib'));
    // The submit pins the library's content, so every worker draws from the same defects.
    const campaign = await getCampaign(f.servers.prisma, submitted.campaignId);
    expect((campaign!.spec as { scan: { libraryContentHash: string } }).scan.libraryContentHash).toBe(libraryHash);

    const worker = await f.newWorker();
    expect(await worker.runUntil(f.client.workflow.getHandle(submitted.workflowId).result())).toBe('COMPLETED');
    const rows = await f.servers.prisma.simulation.findMany({ where: { campaignId: submitted.campaignId }, orderBy: { index: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(Array(COUNT).fill('SUCCEEDED'));
    expect(new Set(rows.map((r) => r.contentHash)).size).toBe(COUNT);
    for (const row of rows) {
      expect(row.params).toMatchObject({ profile: 'depth-map', scanLibrary: 'scan-it-lib', scanLibraryContentHash: libraryHash, scanLibraryStandIn: 1 });
      expect((row.params as { scanDefectId: string }).scanDefectId).toMatch(/\S/);
    }
    // Four defects, six simulations: the sampler uses every defect before any twice.
    expect(new Set(rows.slice(0, 4).map((r) => (r.params as { scanDefectId: string }).scanDefectId)).size).toBe(4);
    expect(await verifyDataset(f.deps, submitted.campaignId)).toMatchObject({ mapsInStore: COUNT, checksumMatches: COUNT });
  });

  it('refuses a spec whose library is not cataloged, naming scan.library', async () => {
    const err = await submitCampaign(control(), spec('scan-missing', 'no-such-lib')).catch((e: unknown) => e);
    expect(isCampaignSpecError(err)).toBe(true);
    expect((err as Error).message).toContain("scan.library: no defect library named 'no-such-lib'");
  });
});
