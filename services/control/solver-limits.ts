// What the solver pool accepts (its endpoints' Info), and the check of a campaign spec against it
// at submit time, so a spec the pool would refuse batch by batch is refused before anything starts.

import { createSolverClient, getSolverInfo, type SolverClient } from '../solver/client';
import { CampaignSpecError, type CampaignSpec, type SpecIssue } from '../campaign';
import type { InfoResponse__Output } from '../../proto/generated/synthflux/solver/v1/InfoResponse';

/** The limits every endpoint of the pool accepts: the worker may send a batch to any of them. */
export interface SolverPoolLimits {
  /** The endpoints whose Info answered. */
  addresses: string[];
  maxBatchSize: number;
  maxSensorPoints: number;
  /** Models every endpoint serves, with the mesh presets every endpoint offers for each. */
  models: Map<string, { meshes: string[] }>;
}

/** Answers the pool's limits, or undefined when no endpoint answered (e.g. a pool scaled to zero). */
export type SolverLimitsSource = () => Promise<SolverPoolLimits | undefined>;

const UNLIMITED = Number.MAX_SAFE_INTEGER;

/** The tightest limits over the endpoints' Info answers (0 in Info means "not stated"). */
export function poolLimitsOf(answers: { address: string; info: InfoResponse__Output }[]): SolverPoolLimits | undefined {
  if (answers.length === 0) return undefined;
  const limit = (pick: (info: InfoResponse__Output) => number | undefined): number =>
    Math.min(...answers.map(({ info }) => pick(info) || UNLIMITED));
  const [first, ...rest] = answers;
  const models = new Map<string, { meshes: string[] }>();
  for (const model of first!.info.models) {
    const others = rest.map(({ info }) => info.models.find((m) => m.name === model.name));
    if (others.some((m) => !m)) continue;
    models.set(model.name, { meshes: model.meshes.filter((mesh) => others.every((m) => m!.meshes.includes(mesh))) });
  }
  return {
    addresses: answers.map((a) => a.address),
    maxBatchSize: limit((info) => info.limits?.maxBatchSize),
    maxSensorPoints: limit((info) => info.limits?.maxSensorPoints),
    models,
  };
}

/** Every way `spec` exceeds what the pool accepts; each issue names the spec field and what is allowed. */
export function checkSpecAgainstPool(spec: CampaignSpec, pool: SolverPoolLimits): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const where = `the solver pool (${pool.addresses.join(', ')})`;
  if (spec.batchSize > pool.maxBatchSize) {
    issues.push({ path: 'batchSize', message: `at most ${pool.maxBatchSize} simulations per batch on ${where} (got ${spec.batchSize})` });
  }
  const model = pool.models.get(spec.solver.model);
  if (!model) {
    issues.push({ path: 'solver.model', message: `${where} serves ${[...pool.models.keys()].join(', ') || 'no model every endpoint shares'} (got '${spec.solver.model}')` });
  } else if (model.meshes.length > 0 && !model.meshes.includes(spec.solver.mesh)) {
    issues.push({ path: 'solver.mesh', message: `model ${spec.solver.model} on ${where} offers ${model.meshes.join(', ')} (got '${spec.solver.mesh}')` });
  }
  const grid = spec.solver.sensorGrid;
  const points = grid.axialCount * grid.circumferentialCount;
  if (points > pool.maxSensorPoints) {
    issues.push({
      path: 'solver.sensorGrid',
      message: `at most ${pool.maxSensorPoints} sensor points (axialCount x circumferentialCount) on ${where} (got ${grid.axialCount} x ${grid.circumferentialCount} = ${points})`,
    });
  }
  return issues;
}

/** Throws a CampaignSpecError naming each field the pool would refuse; a pool that did not answer is not checked. */
export async function assertSpecFitsPool(spec: CampaignSpec, source: SolverLimitsSource | undefined): Promise<SolverPoolLimits | undefined> {
  const limits = await source?.();
  if (!limits) return undefined;
  const issues = checkSpecAgainstPool(spec, limits);
  if (issues.length > 0) throw new CampaignSpecError(issues, { source: 'for this solver pool' });
  return limits;
}

export interface SolverLimitsOptions {
  /** How long each endpoint's Info may take. */
  timeoutMs?: number;
  /** How endpoints are reached (e.g. TLS); plaintext by default. */
  createClient?: (address: string) => SolverClient;
}

/**
 * Asks every address's Info (in parallel) and combines the answers. Endpoints that do not answer
 * are left out; when none answers, the source answers undefined and submission is not blocked
 * (the scaler may have scaled the pool to zero; the worker still refuses such batches without
 * retrying them).
 */
export function solverLimitsFromAddresses(addresses: readonly string[], opts: SolverLimitsOptions = {}): SolverLimitsSource {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const createClient = opts.createClient ?? ((address: string) => createSolverClient(address));
  return async () => {
    const answers = await Promise.all(
      addresses.map(async (address) => {
        const client = createClient(address);
        try {
          return { address, info: await getSolverInfo(client, { deadline: Date.now() + timeoutMs }) };
        } catch {
          return undefined;
        } finally {
          client.close();
        }
      }),
    );
    return poolLimitsOf(answers.filter((a) => a !== undefined));
  };
}
