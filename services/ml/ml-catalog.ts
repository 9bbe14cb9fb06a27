import type { Prisma, PrismaClientOrTransaction } from '../catalog/client';

export type MlJobKind = 'GAP_CHECK' | 'REFINER_TRAINING' | 'REFINEMENT';

export interface RealDatasetRow {
  id: string;
  name: string;
  source: 'MEASURED' | 'STAND_IN';
  campaignId: string | null;
  count: number;
  shape: number[];
  channels: string[];
  units: string;
  mapsKey: string;
  labelsKey: string | null;
  labelNames: string[];
  sensorGrid: Record<string, unknown>;
  checksum: string;
}

/** Same data, same id: importing a file twice updates one row. */
export async function upsertRealDataset(db: PrismaClientOrTransaction, row: RealDatasetRow): Promise<void> {
  const data = { ...row, shape: row.shape, channels: row.channels, labelNames: row.labelNames, sensorGrid: row.sensorGrid as Prisma.InputJsonValue };
  await db.realDataset.upsert({ where: { id: row.id }, create: data, update: data });
}

export async function getRealDataset(db: PrismaClientOrTransaction, id: string): Promise<RealDatasetRow | undefined> {
  const row = await db.realDataset.findUnique({ where: { id } });
  return row ? toRealDataset(row) : undefined;
}

/** The newest data set registered for a campaign, preferring measured over stand-in data. */
export async function latestRealDataset(db: PrismaClientOrTransaction, campaignId: string): Promise<RealDatasetRow | undefined> {
  const rows = await db.realDataset.findMany({ where: { campaignId }, orderBy: { createdAt: 'desc' }, take: 20 });
  const row = rows.find((r) => r.source === 'MEASURED') ?? rows[0];
  return row ? toRealDataset(row) : undefined;
}

function toRealDataset(row: Prisma.RealDatasetGetPayload<object>): RealDatasetRow {
  return {
    ...row,
    shape: row.shape as number[],
    channels: row.channels as string[],
    labelNames: row.labelNames as string[],
    sensorGrid: row.sensorGrid as Record<string, unknown>,
  };
}

/** Opens (or re-opens, on a retry) one step's job row. */
export async function startMlJob(
  db: PrismaClientOrTransaction,
  job: { id: string; campaignId: string; workflowId: string; kind: MlJobKind; stage: string; realDatasetId?: string },
): Promise<void> {
  await db.mlJob.upsert({
    where: { id: job.id },
    create: { ...job, status: 'RUNNING' },
    update: { status: 'RUNNING', attempts: { increment: 1 }, error: null, finishedAt: null },
  });
}

export async function finishMlJob(
  db: PrismaClientOrTransaction,
  id: string,
  result: { status: 'SUCCEEDED' | 'FAILED'; outputs?: Record<string, string>; metrics?: Record<string, unknown>; error?: string },
): Promise<void> {
  await db.mlJob.update({
    where: { id },
    data: {
      status: result.status,
      outputs: result.outputs ?? {},
      metrics: (result.metrics ?? {}) as Prisma.InputJsonValue,
      error: result.error ?? null,
      finishedAt: new Date(),
    },
  });
}
