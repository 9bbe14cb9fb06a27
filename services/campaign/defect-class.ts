// POF anomaly dimension classes (Pipeline Operators Forum, "Specifications and requirements for
// in-line inspection of pipelines", POF 100, 2016): every metal-loss defect falls in one class by
// its axial length L and circumferential width W relative to the geometric parameter A.
//
// The seven published rules partition L, W > 0 exactly, so no precedence is needed (checked by
// test/unit/campaign/defect-class.test.ts). With a = L/A and w = W/A: w < 1 or a < 1 is pinhole,
// axial slotting or circumferential slotting by which of the two is below 1; otherwise, when not
// general (a, w >= 3), a/w >= 2 forces w < 3 (axial grooving), a/w <= 0.5 forces a < 3
// (circumferential grooving), and 0.5 < a/w < 2 forces a, w < 6 (pitting). The rules are also
// symmetric under swapping L and W with axial and circumferential swapped (see MIRROR).
//
// Ratios are compared by multiplying by 2 (exact in binary floating point), not by dividing.
import type { DefectCase } from '../domain/defect';
import type { Axis } from './space';

export const DEFECT_CLASSES = [
  'general',
  'pitting',
  'axial-grooving',
  'circumferential-grooving',
  'pinhole',
  'axial-slotting',
  'circumferential-slotting',
] as const;

export type DefectClass = (typeof DEFECT_CLASSES)[number];

/** A is the wall thickness t, but never below 10 mm (POF 100: A = t if t >= 10 mm, else 10 mm). */
export const GEOMETRIC_PARAMETER_MIN_MM = 10;

/** The standard's definition of each class, as published (L axial length, W circumferential width). */
export const DEFECT_CLASS_DEFINITIONS: Record<DefectClass, string> = {
  general: 'W >= 3A and L >= 3A',
  pitting: '1A <= W < 6A and 1A <= L < 6A and 0.5 < L/W < 2, and not (W >= 3A and L >= 3A)',
  'axial-grooving': '1A <= W < 3A and L/W >= 2',
  'circumferential-grooving': 'L/W <= 0.5 and 1A <= L < 3A',
  pinhole: '0 < W < 1A and 0 < L < 1A',
  'axial-slotting': '0 < W < 1A and L >= 1A',
  'circumferential-slotting': 'W >= 1A and 0 < L < 1A',
};

/** The class with L and W swapped: axial and circumferential trade places, the rest map to themselves. */
const MIRROR: Record<DefectClass, DefectClass> = {
  general: 'general',
  pitting: 'pitting',
  'axial-grooving': 'circumferential-grooving',
  'circumferential-grooving': 'axial-grooving',
  pinhole: 'pinhole',
  'axial-slotting': 'circumferential-slotting',
  'circumferential-slotting': 'axial-slotting',
};

/** The geometric parameter A of a wall of thickness `wallMm`, mm. */
export function geometricParameterMm(wallMm: number): number {
  if (!(wallMm > 0) || !Number.isFinite(wallMm)) throw new RangeError(`wall thickness must be a positive number of mm (got ${wallMm})`);
  return Math.max(wallMm, GEOMETRIC_PARAMETER_MIN_MM);
}

/** Each class's rule, literally: true when (L, W) meets it for geometric parameter A (all mm). */
export const DEFECT_CLASS_RULES: Record<DefectClass, (L: number, W: number, A: number) => boolean> = {
  general: (L, W, A) => W >= 3 * A && L >= 3 * A,
  pitting: (L, W, A) => W >= A && W < 6 * A && L >= A && L < 6 * A && W < 2 * L && L < 2 * W && !(W >= 3 * A && L >= 3 * A),
  'axial-grooving': (L, W, A) => W >= A && W < 3 * A && L >= 2 * W,
  'circumferential-grooving': (L, W, A) => 2 * L <= W && L >= A && L < 3 * A,
  pinhole: (L, W, A) => W > 0 && W < A && L > 0 && L < A,
  'axial-slotting': (L, W, A) => W > 0 && W < A && L >= A,
  'circumferential-slotting': (L, W, A) => W >= A && L > 0 && L < A,
};

/** The class of a defect of length L and width W (mm) for geometric parameter A (mm). */
export function classOfDimensions(lengthMm: number, widthMm: number, aMm: number): DefectClass {
  if (!(lengthMm > 0) || !(widthMm > 0) || !(aMm > 0)) {
    throw new RangeError(`defect length, width and A must be positive (got L ${lengthMm}, W ${widthMm}, A ${aMm})`);
  }
  const matches = DEFECT_CLASSES.filter((c) => DEFECT_CLASS_RULES[c](lengthMm, widthMm, aMm));
  // The rules are a partition of L, W > 0; anything else is a bug in them.
  if (matches.length !== 1) throw new Error(`POF classes are not a partition at L ${lengthMm}, W ${widthMm}, A ${aMm}: ${matches.join(', ') || 'none'}`);
  return matches[0]!;
}

/** The POF anomaly dimension class of a simulated defect: from its length, width and wall thickness. */
export function defectClassOf(defect: Pick<DefectCase, 'wallThicknessMm' | 'defectLengthMm' | 'defectWidthMm'>): DefectClass {
  return classOfDimensions(defect.defectLengthMm, defect.defectWidthMm, geometricParameterMm(defect.wallThicknessMm));
}

// ---------------------------------------------------------------------------------------------
// Drawing a defect of a wanted class within the spec's ranges.

/** A closed interval lo <= x <= hi (its endpoints may or may not belong to a class; a choice's
 * pieces have positive length, and the drawn point is checked against the rule). */
type Interval = [number, number];

/** What an axis still offers once a class is imposed: intervals of positive length, or values. */
export type Choice = { kind: 'intervals'; pieces: Interval[] } | { kind: 'values'; values: number[] };

export function isEmptyChoice(c: Choice): boolean {
  return c.kind === 'intervals' ? c.pieces.length === 0 : c.values.length === 0;
}

/** Uniform on the choice: by length over the intervals, by index over the values (like valueAt). */
export function pickFromChoice(c: Choice, u: number): number {
  if (c.kind === 'values') return c.values[Math.min(c.values.length - 1, Math.floor(u * c.values.length))]!;
  const total = c.pieces.reduce((s, [lo, hi]) => s + (hi - lo), 0);
  let rest = u * total;
  for (const [lo, hi] of c.pieces) {
    if (rest < hi - lo) return lo + rest;
    rest -= hi - lo;
  }
  return c.pieces[c.pieces.length - 1]![1];
}

/** A point well inside the choice (middle of its longest piece, or its middle value): the fallback draw. */
export function centreOfChoice(c: Choice): number {
  return centresOfChoice(c)[0]!;
}

/** The middle of every piece, longest first, or every value from the middle out: fallbacks in order. */
function centresOfChoice(c: Choice): number[] {
  if (c.kind === 'values') {
    const mid = Math.floor((c.values.length - 1) / 2);
    return [...c.values].map((v, k) => ({ v, d: Math.abs(k - mid) })).sort((a, b) => a.d - b.d).map((x) => x.v);
  }
  return [...c.pieces].sort((p, q) => q[1] - q[0] - (p[1] - p[0])).map(([lo, hi]) => (lo + hi) / 2);
}

/** The widths of class `cls` at length L (one interval, possibly unbounded above), or undefined. */
function widthSpan(cls: DefectClass, L: number, A: number): Interval | undefined {
  let span: Interval | undefined;
  switch (cls) {
    case 'general':
      span = L >= 3 * A ? [3 * A, Infinity] : undefined;
      break;
    case 'pitting':
      span = L >= A && L < 6 * A ? [Math.max(A, L / 2), Math.min(6 * A, 2 * L, L >= 3 * A ? 3 * A : Infinity)] : undefined;
      break;
    case 'axial-grooving':
      span = [A, Math.min(3 * A, L / 2)];
      break;
    case 'circumferential-grooving':
      span = L >= A && L < 3 * A ? [2 * L, Infinity] : undefined;
      break;
    case 'pinhole':
      span = L < A ? [0, A] : undefined;
      break;
    case 'axial-slotting':
      span = L >= A ? [0, A] : undefined;
      break;
    case 'circumferential-slotting':
      span = L < A ? [A, Infinity] : undefined;
      break;
  }
  return span && span[1] > span[0] ? span : undefined;
}

/** The lengths of class `cls` at width W: by symmetry, the widths of the mirrored class at length W. */
function lengthSpan(cls: DefectClass, W: number, A: number): Interval | undefined {
  return widthSpan(MIRROR[cls], W, A);
}

function intersect(a: Interval, lo: number, hi: number): Interval | undefined {
  const l = Math.max(a[0], lo);
  const h = Math.min(a[1], hi);
  return h > l ? [l, h] : undefined;
}

function mergePieces(pieces: Interval[]): Interval[] {
  const sorted = [...pieces].sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

/** Numeric axes only (wall thickness, defect length and width). */
type NumericAxis = Exclude<Axis, { kind: 'discrete' }> | { name: Axis['name']; kind: 'discrete'; values: readonly number[] };

function pointsOf(axis: NumericAxis): number[] {
  switch (axis.kind) {
    case 'fixed':
      return [axis.value as number];
    case 'discrete':
      return [...axis.values];
    case 'continuous':
      return [axis.min, axis.max];
  }
}

/**
 * Multiples at which a class rule can switch on or off: the rules compare L, W and A scaled by 1, 2,
 * 3 and 6 (and ratios of those); a superset is harmless, a missing one could merge two pieces.
 */
const SCALES = [1 / 12, 1 / 6, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 1, 3 / 2, 2, 3, 4, 6, 12];

/**
 * The part of a continuous axis [min, max] where `admits` holds, as intervals: cut at every point
 * where it can change and test the middle of each cut.
 */
function scanContinuous(min: number, max: number, anchors: readonly number[], admits: (x: number) => boolean): Interval[] {
  const cuts = new Set<number>([min, max]);
  for (const x of anchors) {
    for (const s of SCALES) {
      const c = x * s;
      if (c > min && c < max) cuts.add(c);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: Interval[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const lo = sorted[k]!;
    const hi = sorted[k + 1]!;
    if (hi > lo && admits((lo + hi) / 2)) pieces.push([lo, hi]);
  }
  // Not merged: the middle of each piece is a point that was tested, which the fallback relies on.
  return pieces;
}

/** The widths the width axis offers for class `cls` at length L and geometric parameter A. */
export function widthChoice(width: NumericAxis, cls: DefectClass, L: number, A: number): Choice {
  if (width.kind !== 'continuous') {
    return { kind: 'values', values: pointsOf(width).filter((w) => DEFECT_CLASS_RULES[cls](L, w, A)) };
  }
  const span = widthSpan(cls, L, A);
  const piece = span && intersect(span, width.min, width.max);
  return { kind: 'intervals', pieces: piece ? [piece] : [] };
}

/** The lengths the length axis offers for class `cls` at A, each with at least one width of the class. */
export function lengthChoice(length: NumericAxis, width: NumericAxis, cls: DefectClass, A: number): Choice {
  if (length.kind !== 'continuous') {
    return { kind: 'values', values: pointsOf(length).filter((l) => !isEmptyChoice(widthChoice(width, cls, l, A))) };
  }
  if (width.kind === 'continuous') {
    const pieces = scanContinuous(length.min, length.max, [A, width.min, width.max], (l) => !isEmptyChoice(widthChoice(width, cls, l, A)));
    return { kind: 'intervals', pieces };
  }
  // A list of widths: the union of each width's length interval.
  const pieces = pointsOf(width).flatMap((w) => {
    const span = lengthSpan(cls, w, A);
    const piece = span && intersect(span, length.min, length.max);
    return piece ? [piece] : [];
  });
  return { kind: 'intervals', pieces: mergePieces(pieces) };
}

/** The wall thicknesses the wall axis offers for class `cls`: those with a length and width of the class. */
export function wallChoice(wall: NumericAxis, length: NumericAxis, width: NumericAxis, cls: DefectClass): Choice {
  const admits = (t: number): boolean => !isEmptyChoice(lengthChoice(length, width, cls, geometricParameterMm(t)));
  if (wall.kind !== 'continuous') return { kind: 'values', values: pointsOf(wall).filter(admits) };
  const anchors = [GEOMETRIC_PARAMETER_MIN_MM, ...pointsOf(length), ...pointsOf(width)];
  return { kind: 'intervals', pieces: scanContinuous(wall.min, wall.max, anchors, admits) };
}

export interface ClassAxes {
  wall: NumericAxis;
  length: NumericAxis;
  width: NumericAxis;
}

export interface ClassDraw {
  wallThicknessMm: number;
  defectLengthMm: number;
  defectWidthMm: number;
}

/**
 * A wall, length and width of class `cls` from unit coordinates (one per axis; ignored for fixed
 * axes): the wall uniform over the walls that admit the class, the length uniform over the lengths
 * that admit it at that wall, the width uniform over the widths of the class at that length. A
 * coordinate that lands on an open boundary of a class falls back to the middle of what is left,
 * so the result always has the class. `walls` is wallChoice(...) for the same axes and class.
 */
export function drawOfClass(axes: ClassAxes, cls: DefectClass, walls: Choice, u: { wall: number; length: number; width: number }): ClassDraw {
  if (isEmptyChoice(walls)) throw new RangeError(`the parameter ranges admit no ${cls} defect`);
  const attempt = (t: number, lengthAt: (c: Choice) => number, widthAt: (c: Choice) => number): ClassDraw | undefined => {
    const A = geometricParameterMm(t);
    const lengths = lengthChoice(axes.length, axes.width, cls, A);
    if (isEmptyChoice(lengths)) return undefined;
    const L = lengthAt(lengths);
    const widths = widthChoice(axes.width, cls, L, A);
    if (isEmptyChoice(widths)) return undefined;
    const W = widthAt(widths);
    return DEFECT_CLASS_RULES[cls](L, W, A) ? { wallThicknessMm: t, defectLengthMm: L, defectWidthMm: W } : undefined;
  };
  const drawn = pickFromChoice(walls, u.wall);
  const at = (v: number) => (c: Choice) => pickFromChoice(c, v);
  const draw =
    attempt(drawn, at(u.length), at(u.width)) ??
    attempt(drawn, at(u.length), centreOfChoice) ??
    attempt(drawn, centreOfChoice, centreOfChoice) ??
    // The coordinates met an open boundary of the class; the middles of what is left were tested.
    centresOfChoice(walls).reduce<ClassDraw | undefined>((found, t) => found ?? attempt(t, centreOfChoice, centreOfChoice), undefined);
  if (!draw) throw new Error(`no ${cls} defect found in the parameter ranges although they admit one (a bug in the class rules)`);
  return draw;
}

// ---------------------------------------------------------------------------------------------
// Which class each simulation gets under quotas.

/** 2^32 / golden ratio: the Weyl step with the most even spread of consecutive multiples. */
const WEYL_STEP = 0x9e3779b9;
const TWO_POW_32 = 2 ** 32;

/**
 * Class of simulation `index` under `quotas` (fractions summing to 1): a golden-ratio Weyl sequence
 * u_i = frac(offset + i / phi), computed exactly in 32-bit fixed point, cut at the quotas'
 * cumulative sums in DEFECT_CLASSES order. Any n consecutive indices hold each class n x quota
 * times up to a few (the sequence's discrepancy grows like log n), so proportions hold per window,
 * not only on average. `offset` is a 32-bit integer (the seed's stream).
 */
export function classAtIndex(quotas: Partial<Record<DefectClass, number>>, offset: number, index: number): DefectClass {
  const u = ((Math.imul(index >>> 0, WEYL_STEP) + offset) >>> 0) / TWO_POW_32;
  let cumulative = 0;
  let last: DefectClass | undefined;
  for (const cls of DEFECT_CLASSES) {
    const q = quotas[cls] ?? 0;
    if (q <= 0) continue;
    cumulative += q;
    last = cls;
    if (u < cumulative) return cls;
  }
  // Rounding left the sum a hair below 1: the remainder belongs to the last class with a quota.
  if (!last) throw new RangeError('quotas must give at least one class a positive share');
  return last;
}
