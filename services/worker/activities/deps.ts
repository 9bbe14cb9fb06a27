import type * as Minio from 'minio';
import type { PrismaClient } from '../../catalog/client';
import type { SolverPool } from '../solver-pool';

/** Everything the campaign activities touch, built once by the worker's main(). */
export interface ActivityDeps {
  prisma: PrismaClient;
  s3: Minio.Client;
  bucket: string;
  solverPool: Pick<SolverPool, 'solve'>;
}
