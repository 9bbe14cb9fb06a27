// The split of a field verification set. Test maps are measured maps only, and split by defect: every
// map of a defect (a defect may be measured on several runs) falls on the same side, so a refiner
// never trains on a defect whose measured map later scores it. Synthetic and refined maps are never
// in a test split (the gap check compares them against the test maps; they are not the test set).
import { createHash } from 'node:crypto';

export const VERIFICATION_SPLIT_RULE =
  'field-verification-split-v1: a measured map is in test iff uint32(first 8 hex digits of sha256("<seed>:<defect id>")) < testFraction * 2^32, so all maps of a defect fall on one side; synthetic and refined maps are never in a test split';

export interface VerificationSplit {
  rule: string;
  seed: number;
  testFraction: number;
  /** Row indices of the set, ascending. */
  train: number[];
  test: number[];
}

export function splitVerifications(defectIds: readonly string[], testFraction: number, seed: number): VerificationSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction: must be above 0 and below 1 (got ${testFraction})`);
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed: must be a non-negative integer (got ${seed})`);
  const threshold = testFraction * 2 ** 32;
  const train: number[] = [];
  const test: number[] = [];
  defectIds.forEach((id, k) => {
    const h = parseInt(createHash('sha256').update(`${seed}:${id}`).digest('hex').slice(0, 8), 16);
    (h < threshold ? test : train).push(k);
  });
  return { rule: VERIFICATION_SPLIT_RULE, seed, testFraction, train, test };
}
