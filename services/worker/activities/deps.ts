import type * as Minio from 'minio';
import type { ScanLibraryLoader } from '../../campaign/context';
import type { PrismaClient } from '../../catalog/client';
import { verificationPairsLoader } from '../../field-verification';
import { scanLibraryLoader } from '../../library/scan-loader';
import type { VerificationPairsLoader } from '../../ml/verification-inputs';
import type { MlConfig } from '../../ml/config';
import type { SolverPool } from '../solver-pool';
import type { VerificationPool } from '../verification-pools';

/** Everything the campaign activities touch, built once by the worker's main(). */
export interface ActivityDeps {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
  solverPool: Pick<SolverPool, 'solve' | 'identity'>;
  /** Where the ML jobs run; defaults (Debian's /usr/bin/python3, a temp work dir) when absent. */
  ml?: MlConfig;
  /** Reference solver pools by name, for campaigns' verification samples (VERIFICATION_SOLVER_POOLS). */
  verificationPools?: ReadonlyMap<string, VerificationPool>;
  /** Reads a scan library by name for scan campaigns (sampler: scan); defaults to the catalog and
   * object store above (services/library scanLibraryLoader). */
  loadScanLibrary?: ScanLibraryLoader;
  /** Reads field verification pairs for paired refinement; defaults to services/field-verification's. */
  loadVerificationPairs?: VerificationPairsLoader;
}

/** The deps with the scan library and field verification loaders filled in (the catalog and object store's) when not given. */
export function withScanLibraries(deps: ActivityDeps): ActivityDeps {
  const withLibraries = deps.loadScanLibrary ? deps : { ...deps, loadScanLibrary: scanLibraryLoader(deps) };
  return withLibraries.loadVerificationPairs ? withLibraries : { ...withLibraries, loadVerificationPairs: verificationPairsLoader(deps) };
}
