import type * as Minio from 'minio';
import type { ScanLibraryLoader } from '../../campaign/context';
import type { PrismaClient } from '../../catalog/client';
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
  /** Reads a scan library by name: scan campaigns (sampler: scan) cannot be expanded without it. */
  loadScanLibrary?: ScanLibraryLoader;
}
