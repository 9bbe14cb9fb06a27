import type * as Minio from 'minio';
import { drawRange, type SimulationDraw } from '../campaign';
import type { CampaignContext } from '../campaign/context';
import { loadLibraryDefects, type LoadedLibrary, type LibraryReadDeps } from '../library/load';
import { toScanLibrary } from '../library/scan-loader';
import { readMapRows } from '../ml/zarr-arrays';

/** A scan campaign's maps, defect by defect: its library, each simulation's draw (index order) and signal rows. */
export interface ScanCampaignMaps {
  loaded: LoadedLibrary;
  draws: SimulationDraw[];
  /** [simulations, 3, axial, circumferential] tesla, NaN where a simulation failed. */
  signals: Float32Array;
  mapSize: number;
}

/**
 * Reads every map of scan campaign `ctx` with the library defect each one simulated. `check` sees
 * the library before the campaign's draws are made from it (a replaced library fails there, by name).
 */
export async function readScanCampaignMaps(
  deps: LibraryReadDeps & { s3: Minio.Client },
  ctx: CampaignContext,
  library: string,
  check: (loaded: LoadedLibrary) => void = () => undefined,
): Promise<ScanCampaignMaps> {
  const loaded = await loadLibraryDefects(deps, library);
  check(loaded);
  const draws = drawRange(ctx.spec, 0, ctx.total, { library: toScanLibrary(loaded) });
  const rows = await readMapRows(deps.s3, ctx.location, 'signals', 0, ctx.total);
  return { loaded, draws, signals: rows.data, mapSize: 3 * ctx.grid.axialCount * ctx.grid.circumferentialCount };
}
