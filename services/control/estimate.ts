import { campaignTotal, expandSimulation, modelSettingsOf, sensorGridOf, type CampaignSpec, type ExpansionInputs } from '../campaign';
import { solveBatchRequest } from '../solver/request';
import type { SolverPool } from '../worker/solver-pool';

export interface CampaignEstimate {
  pilotSize: number;
  pilotFailures: number;
  meanCoreSecondsPerSimulation: number;
  /** Predicted solver core-hours for the whole campaign, with a 95 % interval from the pilot's spread. */
  coreHours: number;
  coreHoursLow: number;
  coreHoursHigh: number;
  totalSimulations: number;
}

/** Pilot indices spread evenly over the campaign, so the sample covers the parameter space as the sampler does. */
export function pilotIndices(total: number, pilot: number): number[] {
  const n = Math.min(total, pilot);
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * total) / n));
}

/**
 * Solves a small pilot sample of the spec on the solver pool and extrapolates its core-seconds. A
 * scan campaign's pilot needs its library in `inputs`.
 */
export async function estimateCampaign(pool: Pick<SolverPool, 'solve'>, spec: CampaignSpec, pilot: number, inputs: ExpansionInputs = {}): Promise<CampaignEstimate> {
  const total = campaignTotal(spec);
  const indices = pilotIndices(total, pilot);
  const grid = sensorGridOf(spec);
  const settings = modelSettingsOf(spec);
  const response = await pool.solve(
    solveBatchRequest(spec.solver.model, settings, grid, indices.map((index) => ({ index, defect: expandSimulation(spec, index, inputs) }))),
  );
  // Each simulation runs on one solver thread: its wall time is its core time. Failures cost too.
  const seconds = response.results.map((r) => (r.stats?.wallTimeMs ?? 0) / 1000);
  const n = seconds.length;
  const mean = seconds.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const variance = n > 1 ? seconds.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const halfWidth = 1.96 * Math.sqrt(variance / Math.max(1, n));
  return {
    pilotSize: n,
    pilotFailures: response.results.filter((r) => r.error).length,
    meanCoreSecondsPerSimulation: mean,
    coreHours: (mean * total) / 3600,
    coreHoursLow: (Math.max(0, mean - halfWidth) * total) / 3600,
    coreHoursHigh: ((mean + halfWidth) * total) / 3600,
    totalSimulations: total,
  };
}
