import { defectClassOf, modelSettingsOf, scanParams, simulationContentHash, toParamVector, type ScanTransform, type SimulationDraw } from '../../campaign';
import type { SimulationRow } from '../../catalog/batches';
import { findCachedSimulations } from '../../catalog/cache';
import type { DefectCase } from '../../domain/defect';
import { defectParams } from '../../domain/depth-map';
import { rasteriseDefect, sensorCells } from '../../domain/raster';
import { solveBatchRequest } from '../../solver/request';
import { decodeFloat32LE } from '../../solver/signal-map';
import { checksumOf, datasetPrefix, readSignals } from '../../store/dataset';
import { isNotFound } from '../../store/s3';
import type { SimulationResult__Output } from '../../../proto/generated/synthflux/solver/v1/SimulationResult';
import type { FairTicket } from '../fair-queue';
import type { CampaignContext } from '../../campaign/context';
import type { ActivityDeps } from './deps';

/** One simulation's result, solved now or reused from the catalog. */
export interface SimulationOutcome {
  index: number;
  defect: DefectCase;
  contentHash: string;
  map?: Float32Array;
  error?: string;
  solveMs: number;
  coreSeconds: number;
  solverStats: Record<string, unknown>;
  /** `campaign#index` of the cataloged simulation whose map was reused. */
  reusedFrom?: string;
  /** A scan simulation's library defect and variation (its catalog params record them). */
  scan?: ScanTransform;
}

export interface SolveOptions {
  signal?: AbortSignal;
  ticket?: FairTicket;
  /** Reuse maps of simulations already cataloged with the same content hash. */
  useCache: boolean;
}

/**
 * Produces a map or a failure reason for each simulation: first from the catalog by content hash
 * (verified against the stored checksum), the rest from the solver pool in one call.
 */
export async function solveSimulations(
  deps: ActivityDeps,
  ctx: CampaignContext,
  sims: SimulationDraw[],
  opts: SolveOptions,
): Promise<SimulationOutcome[]> {
  const settings = modelSettingsOf(ctx.spec);
  const solver = await deps.solverPool.identity(opts.signal);
  const hashOf = (defect: DefectCase): string =>
    simulationContentHash({ solverName: solver.name, solverVersion: solver.version, model: ctx.spec.solver.model, settings, grid: ctx.grid, defect });
  const outcomes = new Map<number, SimulationOutcome>();
  const hashes = sims.map((s) => hashOf(s.defect));

  if (opts.useCache) {
    for (const outcome of await reuseCached(deps, ctx, sims, hashes)) outcomes.set(outcome.index, outcome);
  }
  const toSolve = sims.filter((s) => !outcomes.has(s.index));
  if (toSolve.length > 0) {
    const response = await deps.solverPool.solve(solveBatchRequest(ctx.spec.solver.model, settings, ctx.grid, toSolve), opts.signal, opts.ticket);
    const byIndex = new Map(response.results.map((r) => [Number(r.index), r]));
    for (const s of toSolve) {
      const result = byIndex.get(s.index);
      const stats = result?.stats;
      const wallMs = stats?.wallTimeMs ?? 0;
      outcomes.set(s.index, {
        index: s.index,
        defect: s.defect,
        ...(s.scan ? { scan: s.scan } : {}),
        contentHash: hashes[sims.indexOf(s)]!,
        ...readOutcome(result, ctx),
        solveMs: wallMs,
        // The solver runs each simulation on one thread, so its wall time is its core time.
        coreSeconds: wallMs / 1000,
        solverStats: { dofs: Number(stats?.dofs ?? 0), iterations: stats?.iterations ?? 0, residual: stats?.residual ?? 0 },
      });
    }
  }
  return sims.map((s) => outcomes.get(s.index)!);
}

async function reuseCached(deps: ActivityDeps, ctx: CampaignContext, sims: SimulationDraw[], hashes: string[]): Promise<SimulationOutcome[]> {
  const cached = await findCachedSimulations(deps.prisma, [...new Set(hashes)]);
  if (cached.size === 0) return [];
  // Read each source chunk once.
  const groups = new Map<string, { campaignId: string; from: number; to: number }>();
  for (const hit of cached.values()) {
    const key = `${hit.campaignId}/${Math.floor(hit.index / hit.batchSize)}`;
    const g = groups.get(key) ?? { campaignId: hit.campaignId, from: hit.index, to: hit.index };
    groups.set(key, { ...g, from: Math.min(g.from, hit.index), to: Math.max(g.to, hit.index) });
  }
  const maps = new Map<string, Float32Array>();
  const mapSize = ctx.layout.channels.length * ctx.grid.axialCount * ctx.grid.circumferentialCount;
  for (const g of groups.values()) {
    const source = await readSignals(deps.s3, { bucket: deps.bucket, prefix: datasetPrefix(g.campaignId) }, g.from, g.to - g.from + 1).catch((err: unknown) => {
      // The cataloged campaign's dataset is gone (deleted, or another store): solve those again.
      if (isMissingData(err)) return undefined;
      throw err;
    });
    if (!source) continue;
    const { data } = source;
    for (const hit of cached.values()) {
      if (hit.campaignId !== g.campaignId || hit.index < g.from || hit.index > g.to) continue;
      const map = data.slice((hit.index - g.from) * mapSize, (hit.index - g.from + 1) * mapSize);
      // A map that no longer matches its checksum is not reused; it is solved again.
      if (checksumOf(map) === hit.checksum) maps.set(hit.contentHash, map);
    }
  }
  return sims.flatMap((s, k) => {
    const hit = cached.get(hashes[k]!);
    const map = hit && maps.get(hit.contentHash);
    if (!hit || !map) return [];
    return [{
      index: s.index,
      defect: s.defect,
      ...(s.scan ? { scan: s.scan } : {}),
      contentHash: hit.contentHash,
      map,
      solveMs: 0,
      coreSeconds: 0,
      solverStats: { ...hit.solverStats, reusedFrom: `${hit.campaignId}#${hit.index}` },
      reusedFrom: `${hit.campaignId}#${hit.index}`,
    }];
  });
}

function isMissingData(err: unknown): boolean {
  const e = err as { name?: string; _tag?: string } | null;
  return isNotFound(err) || e?.name === 'NotFoundError' || e?._tag === 'NotFoundError';
}

/**
 * The catalog row of an outcome. Its params carry the defect's POF class beside the defect, and
 * for a scan simulation its library defect and variation (scanParams); both are derived, so the
 * content hash (of the defect alone) holds neither.
 */
export function toSimulationRow(o: SimulationOutcome, attempts: number): SimulationRow {
  const defectClass = defectClassOf(o.defect);
  return {
    index: o.index,
    contentHash: o.contentHash,
    params: { ...defectParams(o.defect), defectClass, ...(o.scan ? scanParams(o.scan) : {}) },
    defectClass,
    status: o.map ? 'SUCCEEDED' : 'FAILED',
    attempts,
    error: o.error ?? null,
    solveMs: o.solveMs,
    solverStats: o.solverStats,
    coreSeconds: o.coreSeconds,
    checksum: o.map ? checksumOf(o.map) : null,
  };
}

export function paramVectorOf(o: SimulationOutcome): number[] {
  return toParamVector(o.defect);
}

/**
 * A batch's chunk of the `defects` array: each simulation's defect as its mean depth (mm) over each
 * sensor cell where it succeeded, NaN rows where it failed (like its signals), in index order.
 */
export function depthChunk(ctx: CampaignContext, rows: readonly { defect: DefectCase; succeeded: boolean }[]): Float32Array {
  const cells = sensorCells(ctx.grid);
  const size = ctx.grid.axialCount * ctx.grid.circumferentialCount;
  const chunk = new Float32Array(rows.length * size).fill(NaN);
  rows.forEach((row, k) => {
    if (row.succeeded) chunk.set(rasteriseDefect(row.defect, cells).depthsMm, k * size);
  });
  return chunk;
}

/** A map is accepted only with the expected shape and finite values; anything else fails the simulation with a reason. */
export function readOutcome(result: SimulationResult__Output | undefined, ctx: CampaignContext): { map?: Float32Array; error?: string } {
  if (!result) return { error: 'MISSING_RESULT: the solver returned no result for this simulation' };
  if (result.error) return { error: `${result.error.reason}: ${result.error.message}` };
  const map = result.signalMap;
  if (!map) return { error: 'MISSING_RESULT: the solver returned neither a map nor an error' };
  const expected = [ctx.layout.channels.length, ctx.grid.axialCount, ctx.grid.circumferentialCount];
  if (map.shape.join('x') !== expected.join('x')) return { error: `WRONG_SHAPE: expected ${expected.join('x')}, got ${map.shape.join('x')}` };
  const values = decodeFloat32LE(map.data);
  if (values.length !== expected.reduce((a, b) => a * b, 1)) return { error: `WRONG_SHAPE: expected ${expected.join('x')} values, got ${values.length}` };
  if (!values.every(Number.isFinite)) return { error: 'NON_FINITE: the map contains NaN or Inf' };
  return { map: values };
}
