// Catalog rows of defect libraries (prisma/migrations/0009_defect_library).
import type { PrismaClientOrTransaction } from '../catalog/client';
import type { DefectSide, SensorGridSpec } from '../domain/defect';
import { lossExtent } from '../domain/depth-map';
import type { LibraryContent } from './types';

export interface LibraryRow {
  name: string;
  contentHash: string;
  storePrefix: string;
  defectCount: number;
  standIn: boolean;
  source: string;
  createdAt: Date;
}

export interface LibraryDefectRow {
  libraryName: string;
  index: number;
  defectId: string;
  wallThicknessMm: number;
  axialPitchMm: number;
  circumferentialPitchMm: number;
  axialCount: number;
  circumferentialCount: number;
  side: DefectSide;
  contentHash: string;
  maxDepthMm: number;
  lossLengthMm: number;
  lossWidthMm: number;
  hasMeasured: boolean;
  measuredGrid: SensorGridSpec | null;
  measuredFieldKAPerM: number | null;
}

export async function getLibrary(db: PrismaClientOrTransaction, name: string): Promise<LibraryRow | undefined> {
  return (await db.defectLibrary.findUnique({ where: { name } })) ?? undefined;
}

/** Every library, by name, with how many of its defects have a measured map. */
export async function listLibraries(db: PrismaClientOrTransaction): Promise<Array<LibraryRow & { measuredCount: number }>> {
  const rows = await db.defectLibrary.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { defects: { where: { hasMeasured: true } } } } } });
  return rows.map(({ _count, ...row }) => ({ ...row, measuredCount: _count.defects }));
}

export async function listLibraryDefects(db: PrismaClientOrTransaction, name: string, ids?: readonly string[]): Promise<LibraryDefectRow[]> {
  const rows = await db.libraryDefect.findMany({ where: { libraryName: name, ...(ids ? { defectId: { in: [...ids] } } : {}) }, orderBy: { index: 'asc' } });
  return rows.map((r) => ({ ...r, side: r.side as DefectSide, measuredGrid: r.measuredGrid as SensorGridSpec | null }));
}

/** The catalog rows of a validated library's defects. */
export function defectRows(name: string, content: LibraryContent, hashes: readonly string[]): LibraryDefectRow[] {
  return content.defects.map((d, index) => {
    const extent = lossExtent(d.grid);
    return {
      libraryName: name,
      index,
      defectId: d.id,
      wallThicknessMm: d.wallThicknessMm,
      axialPitchMm: d.grid.axialPitchMm,
      circumferentialPitchMm: d.grid.circumferentialPitchMm,
      axialCount: d.grid.axialCount,
      circumferentialCount: d.grid.circumferentialCount,
      side: d.side,
      contentHash: hashes[index]!,
      maxDepthMm: extent.maxDepthMm,
      lossLengthMm: extent.lengthMm,
      lossWidthMm: extent.widthMm,
      hasMeasured: d.measured !== undefined,
      measuredGrid: d.measured ? { ...d.measured.sensorGrid } : null,
      measuredFieldKAPerM: d.measured?.backgroundFieldKAPerM ?? null,
    };
  });
}

/** Writes a library and its defects, replacing any library of that name (its defects go with it). */
export async function putLibrary(tx: PrismaClientOrTransaction, row: Omit<LibraryRow, 'createdAt'>, defects: readonly LibraryDefectRow[]): Promise<void> {
  await tx.defectLibrary.deleteMany({ where: { name: row.name } });
  await tx.defectLibrary.create({ data: row });
  await tx.libraryDefect.createMany({
    data: defects.map((d) => ({ ...d, measuredGrid: d.measuredGrid ? { ...d.measuredGrid } : undefined })),
  });
}
