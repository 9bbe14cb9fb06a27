// One simulation as a unit of work for a worker thread, and the messages that carry it.

import type { DefectCase, ModelSettings, SensorGridSpec } from '../domain/defect';
import type { ModelStats } from './models/types';
import { isSolveError } from './models/types';
import type { ModelRegistry } from './models/registry';
import { encodeFloat32LE } from './signal-map';

export interface SolveTask {
  model: string;
  defect: DefectCase;
  grid: SensorGridSpec;
  settings: ModelSettings;
}

/** What one simulation produced: a packed map, or the reason there is none. */
export type SolveOutcome =
  | { kind: 'map'; packed: Uint8Array; stats: ModelStats; wallTimeMs: number }
  | { kind: 'error'; reason: string; message: string; wallTimeMs: number };

/** Reason for failures that are not the model's own SolveError (a bug, a crashed worker). */
export const INTERNAL_REASON = 'INTERNAL';

export interface WorkerInit {
  modelModules: readonly string[];
}
export interface TaskMessage {
  id: number;
  task: SolveTask;
}
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outcome: SolveOutcome };

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Runs one simulation; never throws, so one bad simulation cannot fail its batch. */
export function runSolveTask(registry: ModelRegistry, task: SolveTask): SolveOutcome {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const model = registry.get(task.model);
  if (!model) return { kind: 'error', reason: 'UNSUPPORTED', message: `unknown model "${task.model}"`, wallTimeMs: 0 };
  if (!model.defectTypes.includes(task.defect.profile)) {
    const message = `model "${model.name}" does not solve ${task.defect.profile} defects (it solves: ${model.defectTypes.join(', ')})`;
    return { kind: 'error', reason: 'UNSUPPORTED', message, wallTimeMs: 0 };
  }
  try {
    const { data, stats } = model.solve(task.defect, task.grid, task.settings);
    const expected = 3 * task.grid.axialCount * task.grid.circumferentialCount;
    if (data.length !== expected) {
      const message = `model "${model.name}" returned ${data.length} values, expected ${expected}`;
      return { kind: 'error', reason: INTERNAL_REASON, message, wallTimeMs: elapsed() };
    }
    const bad = firstNonFinite(data);
    if (bad >= 0) {
      const message = `map value ${bad} is ${data[bad]}; a map with NaN or Infinity is never returned`;
      return { kind: 'error', reason: 'NON_FINITE', message, wallTimeMs: elapsed() };
    }
    return { kind: 'map', packed: encodeFloat32LE(data), stats, wallTimeMs: elapsed() };
  } catch (err: unknown) {
    if (isSolveError(err)) return { kind: 'error', reason: err.reason, message: err.message, wallTimeMs: elapsed() };
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'error', reason: INTERNAL_REASON, message: `model "${model.name}" failed: ${message}`, wallTimeMs: elapsed() };
  }
}
