// STAND-IN field verifications: a truth campaign simulates each defect of a geometry library at a
// fine mesh; the stand-in instrument (services/ml/standin/instrument.ts) turns each map into what a
// tool would have measured; the result is imported as a library whose defects carry those
// "measured" maps and the field they were simulated at. A field verification campaign over that
// library, with the campaign's own solver, then gives honest (simulated, measured) pairs: the gap
// is the mesh and the instrument, and the stand-in is labelled STAND-IN wherever it shows.
import { loadCampaignContext } from '../campaign/context';
import { importLibrary, type ImportResult, type LibraryWriteDeps } from '../library/import';
import type { LibrarySource, SourceDefect } from '../library/source';
import { storedDefectMeta } from '../library/store';
import { STAND_IN_INSTRUMENT, applyInstrument, describeInstrument, instrumentTool, type InstrumentModel } from '../ml/standin/instrument';
import { mixSeed } from '../ml/standin/random';
import { FieldVerificationError } from './pairs';
import { readScanCampaignMaps } from './scan-maps';

export interface StandInVerificationsInput {
  /** A completed scan campaign over a STAND-IN library, each defect as scanned. */
  truthCampaignId: string;
  /** The library to create: the truth campaign's defects with their stand-in measured maps. */
  name: string;
  instrument?: InstrumentModel;
  toolSeed?: number;
  replace?: boolean;
}

export interface StandInVerifications {
  result: ImportResult;
  measured: number;
  /** Truth simulations that failed (their defects get no measured map and are left out). */
  failed: number;
  description: string;
}

export async function createStandInVerifications(deps: LibraryWriteDeps, input: StandInVerificationsInput): Promise<StandInVerifications> {
  const instrument = input.instrument ?? STAND_IN_INSTRUMENT;
  const toolSeed = input.toolSeed ?? 1;
  const ctx = await loadCampaignContext(deps, input.truthCampaignId);
  const { spec, grid } = ctx;
  if (spec.sampler !== 'scan') throw new FieldVerificationError(`campaign ${input.truthCampaignId} is not a scan campaign; a truth campaign simulates the defects of a STAND-IN library`);
  const variation = spec.scan;
  const asScanned =
    variation.lengthScale === 1 && variation.widthScale === 1 && variation.depthScale === 1 && variation.mirror.axial === 0 && variation.mirror.circumferential === 0 && variation.rotate180 === 0;
  if (!asScanned || variation.fieldVerifications) {
    throw new FieldVerificationError(`campaign ${input.truthCampaignId} varies its library's defects (scan scales, mirrors or turns); a truth campaign simulates each defect as scanned`);
  }
  const campaign = await deps.prisma.campaign.findUnique({ where: { id: input.truthCampaignId }, select: { state: true } });
  if (campaign?.state !== 'COMPLETED') throw new FieldVerificationError(`campaign ${input.truthCampaignId} is ${campaign?.state ?? 'not in the catalog'}; its maps are used once it has COMPLETED`);
  const { loaded, draws, signals, mapSize } = await readScanCampaignMaps(deps, ctx, variation.library);
  if (!loaded.library.standIn) throw new FieldVerificationError(`library ${variation.library} holds laser scans, not STAND-IN geometries; stand-in measured maps are made for STAND-IN libraries only`);
  const tool = instrumentTool(instrument, grid, toolSeed);
  const byId = new Map(loaded.defects.map((d) => [d.id, d]));
  const defects: SourceDefect[] = [];
  const seen = new Set<string>();
  let failed = 0;
  draws.forEach((draw, k) => {
    const id = draw.scan!.defectId;
    if (seen.has(id)) return; // a defect simulated twice keeps its first map
    const truth = signals.subarray(k * mapSize, (k + 1) * mapSize);
    if (!truth.every(Number.isFinite)) {
      failed++;
      return;
    }
    seen.add(id);
    const d = byId.get(id)!;
    // The map seed follows the defect, not the campaign index: the same defect gets the same map.
    const { measured } = applyInstrument(truth, grid, instrument, tool, mixSeed(toolSeed, k));
    defects.push({
      label: id,
      meta: { ...storedDefectMeta(d), measured: { units: 'T', sensorGrid: { ...grid }, backgroundFieldKAPerM: draw.scan!.backgroundFieldKAPerM } },
      depths: { axialCount: d.grid.axialCount, circumferentialCount: d.grid.circumferentialCount, values: d.grid.depthsMm },
      measured: { where: `campaign ${input.truthCampaignId} simulation ${k}`, shape: [3, grid.axialCount, grid.circumferentialCount], values: measured },
    });
  });
  if (defects.length === 0) throw new FieldVerificationError(`campaign ${input.truthCampaignId} has no successful simulation to measure`);
  const settings = spec.solver;
  const description =
    `STAND-IN field verifications: the defects of ${variation.library} simulated by campaign ${input.truthCampaignId} (${settings.model}, mesh ${settings.mesh}), ` +
    `"measured" by the stand-in instrument (${describeInstrument(instrument)}; tool seed ${toolSeed})`;
  const source: LibrarySource = { description, standIn: true, defects, issues: [] };
  const result = await importLibrary(deps, input.name, source, { replace: input.replace });
  return { result, measured: defects.length, failed, description };
}
