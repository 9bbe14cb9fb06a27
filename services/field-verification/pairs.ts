// Field verification pairs: the measured map of each defect of a library (a real tool's map, or a
// STAND-IN one) beside the map a field verification campaign (scan.fieldVerifications) simulated
// for the same defect at the same field. Paired refiners train on them; gap checks test on the
// measured maps held out by the verification split.
import { PARAM_NAMES, defectClassOf, toParamVector } from '../campaign';
import { loadCampaignContext, type CampaignContextDeps } from '../campaign/context';
import { ApplicationFailure } from '@temporalio/activity';
import type { LibraryReadDeps } from '../library/load';
import { isLibraryError } from '../library/errors';
import type { VerificationPairs, VerificationPairsLoader } from '../ml/verification-inputs';
import type * as Minio from 'minio';
import { readScanCampaignMaps } from './scan-maps';

export type VerificationDeps = CampaignContextDeps & LibraryReadDeps & { s3: Minio.Client };

export class FieldVerificationError extends Error {
  override readonly name = 'FieldVerificationError';
}

/** The pairs of field verification campaign `campaignId` (its simulations and its library's measured maps). */
export async function loadVerificationPairs(deps: VerificationDeps, campaignId: string): Promise<VerificationPairs> {
  const ctx = await loadCampaignContext({ ...deps, loadScanLibrary: undefined }, campaignId);
  const spec = ctx.spec;
  if (spec.sampler !== 'scan' || !spec.scan.fieldVerifications) {
    throw new FieldVerificationError(`campaign ${campaignId} is not a field verification campaign (it needs sampler: scan with scan.fieldVerifications: true)`);
  }
  const expectedHash = spec.scan.libraryContentHash;
  const { loaded, draws, signals, mapSize } = await readScanCampaignMaps(deps, ctx, spec.scan.library, ({ library }) => {
    if (expectedHash && library.contentHash !== expectedHash) {
      throw new FieldVerificationError(`campaign ${campaignId} simulated library ${library.name} at content ${expectedHash.slice(0, 16)}, which has since been replaced (now ${library.contentHash.slice(0, 16)})`);
    }
  });
  const { library, defects } = loaded;
  const measuredById = new Map(defects.filter((d) => d.measured).map((d) => [d.id, d.measured!.tesla]));
  const keep: number[] = [];
  const failed: number[] = [];
  draws.forEach((draw, k) => {
    const map = signals.subarray(k * mapSize, (k + 1) * mapSize);
    (map.every(Number.isFinite) ? keep : failed).push(k);
  });
  const n = keep.length;
  const simulated = new Float32Array(n * mapSize);
  const measured = new Float32Array(n * mapSize);
  const labels = new Float64Array(n * PARAM_NAMES.length);
  const defectIds: string[] = [];
  const classes: string[] = [];
  keep.forEach((k, row) => {
    const draw = draws[k]!;
    const id = draw.scan!.defectId;
    const m = measuredById.get(id);
    if (!m || m.length !== mapSize) throw new FieldVerificationError(`campaign ${campaignId}: defect ${id} of library ${library.name} has no measured map on the campaign's sensor grid`);
    simulated.set(signals.subarray(k * mapSize, (k + 1) * mapSize), row * mapSize);
    measured.set(m, row * mapSize);
    labels.set(toParamVector(draw.defect), row * PARAM_NAMES.length);
    defectIds.push(id);
    classes.push(defectClassOf(draw.defect));
  });
  return {
    campaignId,
    library: library.name,
    standIn: library.standIn,
    grid: ctx.grid,
    defectIds,
    classes,
    labels,
    labelNames: PARAM_NAMES,
    simulated,
    measured,
    indexes: keep,
    failed: failed.map((k) => draws[k]!.scan!.defectId),
  };
}

/** The ML activities' loader (MlDeps.loadVerificationPairs): unusable campaigns fail without retries. */
export function verificationPairsLoader(deps: VerificationDeps): VerificationPairsLoader {
  return async (campaignId) => {
    try {
      return await loadVerificationPairs(deps, campaignId);
    } catch (err) {
      if (err instanceof FieldVerificationError || isLibraryError(err)) throw ApplicationFailure.nonRetryable((err as Error).message, 'FieldVerificationsUnusable');
      throw err;
    }
  };
}
