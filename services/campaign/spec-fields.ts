// Building blocks of the spec schema. Every field carries its own message that says what is
// allowed and what was given, because a spec author reads these messages, not zod's defaults.
import { z } from 'zod';
import type { ListParam, NumericParam, RangeParam } from './types';

export interface NumberBounds {
  min: number;
  max: number;
  /** True when `min` itself is not allowed (e.g. a depth of 0 % is no defect). */
  minExclusive?: boolean;
  integer?: boolean;
}

/** Shows a user's value in a message: strings quoted, containers named, nothing for a missing key. */
export function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') return `'${input}'`;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : typeof input;
}

/** "must be X (got Y)", or "is required: X" when the key is missing. */
export function expected(what: string, input: unknown): string {
  return input === undefined ? `is required: ${what}` : `must be ${what} (got ${describeValue(input)})`;
}

export function boundsText(b: NumberBounds): string {
  const kind = b.integer ? 'an integer' : 'a number';
  return `${kind} between ${b.min}${b.minExclusive ? ' (exclusive)' : ''} and ${b.max}`;
}

export function inBounds(v: number, b: NumberBounds): boolean {
  if (!Number.isFinite(v) || (b.integer && !Number.isInteger(v))) return false;
  return (b.minExclusive ? v > b.min : v >= b.min) && v <= b.max;
}

export function boundedNumber(b: NumberBounds) {
  const what = boundsText(b);
  return z
    .number({ error: (iss) => expected(what, iss.input) })
    .refine((v) => inBounds(v, b), { error: (iss) => expected(what, iss.input) });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, unsupported?: Record<string, string>) {
  const what = `one of ${values.join(', ')}`;
  return z.enum(values, {
    error: (iss) => {
      const hint = typeof iss.input === 'string' ? unsupported?.[iss.input] : undefined;
      return hint ?? expected(what, iss.input);
    },
  });
}

export function flag() {
  return z.boolean({ error: (iss) => expected('true or false', iss.input) });
}

/** A strict object: unknown keys are errors. The message lists the allowed keys; the parser names the key. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `allowed keys: ${keys}` : expected(`an object with keys ${keys}`, iss.input)),
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Longest `{values: [...]}` list a spec may give (distinct values of one parameter). */
export const MAX_LIST_VALUES = 1000;

/**
 * `{values: [...]}`; `each` says what one item must be, e.g. "one of near, far". The length is
 * checked before the items, so an oversized list is one error rather than one per item.
 */
function listOf<T extends z.ZodType>(item: T, each: string) {
  const what = `a non-empty list of at most ${MAX_LIST_VALUES} items, each item ${each}`;
  return strictObject({
    values: z
      .array(z.unknown(), { error: (iss) => expected(what, iss.input) })
      .min(1, { error: () => `must be ${what} (got an empty list)` })
      .max(MAX_LIST_VALUES, { error: (iss) => `must be ${what} (got ${(iss.input as unknown[]).length} items)` })
      .pipe(z.array(item)),
  });
}

/**
 * A numeric parameter: `50`, `{min, max}` (plus `steps` for the grid sampler) or `{values: [...]}`.
 * Dispatches on the shape so each error points at the part that is wrong instead of a union soup.
 */
export function numericParam(b: NumberBounds) {
  const value = boundedNumber(b);
  const range = strictObject({
    min: value,
    max: value,
    steps: boundedNumber({ min: 1, max: 100_000, integer: true }).optional(),
  }).refine((r) => r.min <= r.max, {
    path: ['max'],
    error: (iss) => {
      const r = iss.input as RangeParam;
      return `must be greater than or equal to min (min ${r.min}, got ${r.max})`;
    },
  });
  const list = listOf(value, boundsText(b));
  const what = `${boundsText(b)}, a {min, max} range or a {values: [...]} list`;
  return z.unknown().transform((input, ctx): NumericParam => {
    const schema = typeof input === 'number' ? value : isRecord(input) ? ('values' in input ? list : range) : undefined;
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: expected(what, input), input });
      return z.NEVER;
    }
    const r = schema.safeParse(input);
    if (r.success) return r.data;
    forwardIssues(ctx, r.error.issues, input);
    return z.NEVER;
  });
}

export function unknownKeyMessage(key: string, allowed: string): string {
  return `unknown key '${key}' (${allowed})`;
}

/** Re-reports a nested schema's issues; an unknown-keys issue becomes one issue per key, at that key. */
export function forwardIssues(ctx: z.RefinementCtx, issues: readonly z.core.$ZodIssue[], input: unknown): void {
  for (const iss of issues) {
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) ctx.addIssue({ code: 'custom', path: [...iss.path, key], message: unknownKeyMessage(key, iss.message), input });
    } else {
      ctx.addIssue({ code: 'custom', path: [...iss.path], message: iss.message, input });
    }
  }
}

/** A categorical parameter: one value or `{values: [...]}`. */
export function categoricalParam<const T extends readonly [string, ...string[]]>(values: T) {
  const single = oneOf(values);
  const list = listOf(single, `one of ${values.join(', ')}`);
  return z.unknown().transform((input, ctx): T[number] | ListParam<T[number]> => {
    const r = (isRecord(input) ? list : single).safeParse(input);
    if (r.success) return r.data;
    forwardIssues(ctx, r.error.issues, input);
    return z.NEVER;
  });
}
