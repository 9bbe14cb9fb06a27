// The `scan` block of a spec (sampler: scan): which library, and how its defects are varied.
import { z } from 'zod';
import { SCAN_SCALE_BOUNDS } from './constants';
import { boundedNumber, expected, flag, isRecord, numericParam, strictObject } from './spec-fields';
import type { NumericParam, ScanVariation } from './types';

/** A library's name: what a scan spec names and `synthflux defects import NAME` accepts (services/library checks it with this). */
export const LIBRARY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LIBRARY_NAME_TEXT = 'a library name: letters, digits, dots, dashes and underscores, starting with a letter or digit, at most 64 characters';

/** A scale factor: a number, a {min, max} range or a {values: [...]} list; 1 (as scanned) when absent. */
function scale(name: keyof typeof SCAN_SCALE_BOUNDS) {
  return numericParam(SCAN_SCALE_BOUNDS[name])
    .superRefine((p: NumericParam, ctx) => {
      if (isRecord(p) && 'steps' in p && p.steps !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['steps'], message: "is only used by the grid sampler (sampler is 'scan'); remove it", input: p.steps });
      }
    })
    .default(1);
}

const probability = boundedNumber({ min: 0, max: 1 });

export const ScanSchema = strictObject({
  library: z
    .string({ error: (iss) => expected(LIBRARY_NAME_TEXT, iss.input) })
    .regex(LIBRARY_NAME, { error: (iss) => expected(LIBRARY_NAME_TEXT, iss.input) }),
  libraryContentHash: z
    .string({ error: (iss) => expected("the library's content hash (text)", iss.input) })
    .regex(/^[0-9a-f]{64}$/, { error: (iss) => expected('64 lowercase hex digits (sha256)', iss.input) })
    .optional(),
  lengthScale: scale('lengthScale'),
  widthScale: scale('widthScale'),
  depthScale: scale('depthScale'),
  mirror: strictObject({
    axial: probability.default(0),
    circumferential: probability.default(0),
  }).default({ axial: 0, circumferential: 0 }),
  rotate180: probability.default(0),
  fieldVerifications: flag().default(false),
}).transform((scan): ScanVariation => {
  // Absent optional keys stay absent, so the spec hashes the same whether or not they were written.
  const { libraryContentHash, fieldVerifications, ...rest } = scan;
  return { ...rest, ...(libraryContentHash === undefined ? {} : { libraryContentHash }), ...(fieldVerifications ? { fieldVerifications: true as const } : {}) };
});
