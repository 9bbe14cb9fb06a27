// The train/validation split of an export.
//
// Rule (split v1): a simulation is in `validation` when the first 8 hex digits of its content hash,
// read as an unsigned 32-bit integer, are below fraction x 2^32; otherwise it is in `train`.
// The content hash identifies the simulation itself (solver, settings, parameters), so the split
// is reproducible anywhere, needs no seed, and an identical simulation reused by two campaigns
// lands on the same side in both: no exact duplicate leaks from train into validation.
// Failed simulations (NaN maps) are in neither list.

export const SPLIT_RULE =
  'split-v1: validation iff uint32(first 8 hex digits of the simulation content hash) < fraction * 2^32; failed simulations excluded';

/**
 * An export of a campaign has no test split: its maps are synthetic (or refined), and a test set of
 * synthetic maps would measure the model against the simulator, not the field. Test sets are
 * measured maps only, held out by defect (field verifications, services/ml/verification-split.ts).
 */
export const TEST_SPLIT_RULE =
  'no test split: synthetic and refined maps never go in a test split; test sets are measured maps only, held out by defect (field-verification-split-v1)';

export function isValidation(contentHash: string, fraction: number): boolean {
  const value = Number.parseInt(contentHash.slice(0, 8), 16);
  if (!Number.isFinite(value)) throw new Error(`not a hex content hash: '${contentHash.slice(0, 16)}'`);
  return value < fraction * 2 ** 32;
}

export function splitSimulations(rows: { index: number; contentHash: string; status: string }[], fraction: number): { train: number[]; validation: number[] } {
  const train: number[] = [];
  const validation: number[] = [];
  for (const row of rows) {
    if (row.status !== 'SUCCEEDED') continue;
    (isValidation(row.contentHash, fraction) ? validation : train).push(row.index);
  }
  return { train, validation };
}
