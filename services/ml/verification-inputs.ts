// The field verification set as the Python jobs read it: the split by defect, then .npy files.
// Training sees the train defects only; the gap checks test on the held-out defects' measured maps,
// against the same defects' simulated (raw) or refined maps. Synthetic and refined maps are never
// in the test set itself; they are what the test set is compared with.
import type { SensorGridSpec } from '../domain/defect';
import type { NpyArray } from './npy';
import { splitVerifications, type VerificationSplit } from './verification-split';

/** A field verification campaign's pairs (services/field-verification loads them). */
export interface VerificationPairs {
  campaignId: string;
  library: string;
  standIn: boolean;
  grid: SensorGridSpec;
  /** Per pair: the library defect, its POF class, its labels (labelNames order). */
  defectIds: string[];
  classes: string[];
  labels: Float64Array;
  labelNames: readonly string[];
  /** [n, 3, axial, circumferential] tesla, row k of both = pair k. */
  simulated: Float32Array;
  measured: Float32Array;
  /** Campaign indexes of the pairs (simulations that failed have no pair). */
  indexes: number[];
  /** Defects whose simulation failed. */
  failed: string[];
}

/**
 * Reads a field verification campaign's pairs. A campaign or library that cannot serve must throw a
 * non-retryable ApplicationFailure (services/field-verification verificationPairsLoader does).
 */
export type VerificationPairsLoader = (campaignId: string) => Promise<VerificationPairs>;

/** Rows `rows` of a [n, ...] float array. */
export function takeRows<T extends Float32Array | Float64Array>(data: T, rowSize: number, rows: readonly number[]): T {
  const out = new (data.constructor as new (n: number) => T)(rows.length * rowSize);
  rows.forEach((r, k) => out.set(data.subarray(r * rowSize, (r + 1) * rowSize), k * rowSize));
  return out;
}

/** Fraction of the defects held out from every training step. */
export const VERIFICATION_TEST_FRACTION = 0.3;

export interface VerificationArrays {
  split: VerificationSplit;
  mapShape: [number, number, number];
  /** Train defects: (simulated, measured) pairs and their labels. */
  train: { simulated: Float32Array; measured: Float32Array; labels: Float64Array; defectIds: string[]; classes: string[] };
  /** Held-out defects: measured maps, the same defects' simulations, labels and classes. */
  test: { simulated: Float32Array; measured: Float32Array; labels: Float64Array; defectIds: string[]; classes: string[] };
}

export function splitArrays(pairs: VerificationPairs, seed: number, testFraction = VERIFICATION_TEST_FRACTION): VerificationArrays {
  const split = splitVerifications(pairs.defectIds, testFraction, seed);
  const mapShape: [number, number, number] = [3, pairs.grid.axialCount, pairs.grid.circumferentialCount];
  const mapSize = mapShape[0] * mapShape[1] * mapShape[2];
  const P = pairs.labelNames.length;
  const part = (rows: number[]) => ({
    simulated: takeRows(pairs.simulated, mapSize, rows),
    measured: takeRows(pairs.measured, mapSize, rows),
    labels: takeRows(pairs.labels, P, rows),
    defectIds: rows.map((r) => pairs.defectIds[r]!),
    classes: rows.map((r) => pairs.classes[r]!),
  });
  return { split, mapShape, train: part(split.train), test: part(split.test) };
}

export const mapsArray = (data: Float32Array, mapShape: readonly number[]): NpyArray => ({
  dtype: 'float32',
  data,
  shape: [data.length / mapShape.reduce((a, b) => a * b, 1), ...mapShape],
});

export const labelsArray = (data: Float64Array, labelCount: number): NpyArray => ({ dtype: 'float64', data, shape: [data.length / labelCount, labelCount] });
