import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated';

export type { Prisma } from './generated';
export { PrismaClient } from './generated';

/** A Prisma client or an interactive transaction, so catalog functions can join a caller's transaction. */
export type PrismaClientOrTransaction = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;

/** Prisma through the pg driver adapter: no native query engine is involved. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
