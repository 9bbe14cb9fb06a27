// The heatmaps' colour scales and their colour bars: diverging for a signed field component (mT),
// sequential for a defect's depth (mm). The heatmap (in the browser) and the colour bar the maps
// API sends use one function, barColour, so the bar shows the colours the cells have.
// Pure: bundled into the browser app as well.

import { niceStep, ticksBetween, type Tick } from './ticks';

export const MILLITESLA_PER_TESLA = 1e3;
const MAX_TICKS = 5;

/** The scale's half-range: the largest |value|, ignoring NaN (failed simulations' rows). */
export function symmetricLimit(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  }
  return max;
}

/** Blue-white-red for a signed field component, symmetric about zero: -limit blue, +limit red. */
export function divergingColour(value: number, limit: number): string {
  const t = Math.max(-1, Math.min(1, value / (limit || 1)));
  const a = Math.round(255 * (1 - Math.abs(t)));
  return t >= 0 ? `rgb(255,${a},${a})` : `rgb(${a},${a},255)`;
}

// White at 0, orange half way, dark brown at the limit: metal loss, deeper is darker.
const SEQUENTIAL_STOPS: readonly (readonly [number, number, number])[] = [[255, 255, 255], [253, 174, 97], [127, 39, 4]];
const NO_VALUE = 'rgb(220,220,220)';

/** White (0) to dark brown (limit) through orange, linear in RGB between the three; grey for NaN. */
export function sequentialColour(value: number, limit: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const t = Math.max(0, Math.min(1, value / (limit || 1))) * (SEQUENTIAL_STOPS.length - 1);
  const k = Math.min(SEQUENTIAL_STOPS.length - 2, Math.floor(t));
  const [a, b] = [SEQUENTIAL_STOPS[k]!, SEQUENTIAL_STOPS[k + 1]!];
  const mix = (c: 0 | 1 | 2): number => Math.round(a[c] + (b[c] - a[c]) * (t - k));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

/** Three significant digits, without an exponent down to 1e-6 (0.000123 rather than 1.23e-4). */
function significant(v: number): string {
  return String(Number(v.toPrecision(3)));
}

export interface ColourBar {
  /** diverging: -limit..+limit about 0 (a field component); sequential: 0..limit (a depth). */
  scale: 'diverging' | 'sequential';
  /** The scale's end in the values' unit (tesla, or mm for a depth): what barColour takes. */
  limit: number;
  unit: 'mT' | 'mm';
  /** The ends of the scale in `unit`: -limit and +limit, or 0 and limit. */
  min: number;
  max: number;
  /** min and max to 3 significant digits, for the bar's ends. */
  minLabel: string;
  maxLabel: string;
  /** The values' own extent; null when none is finite. */
  dataMin: number | null;
  dataMax: number | null;
  ticks: Tick[];
  /**
   * Gradient stops from min (at 0) to max (at 1). Both scales are linear in RGB between the
   * colours at the scale's ends and middle, so these three stops draw them exactly.
   */
  stops: { at: number; colour: string }[];
}

/** The colour of `value` (in the values' unit) on the bar's scale: what the heatmap's cells take. */
export function barColour(bar: Pick<ColourBar, 'scale' | 'limit'>, value: number): string {
  return bar.scale === 'diverging' ? divergingColour(value, bar.limit) : sequentialColour(value, bar.limit);
}

/** The finite values' extent; null when none is finite. */
function extent(values: ArrayLike<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return min <= max ? { min, max } : null;
}

/** The colour bar of one heatmap of `values` (tesla), in mT. */
export function colourBar(values: ArrayLike<number>): ColourBar {
  const limit = symmetricLimit(values);
  const data = extent(values);
  const mT = limit * MILLITESLA_PER_TESLA;
  return {
    scale: 'diverging',
    limit,
    unit: 'mT',
    min: mT > 0 ? -mT : 0,
    max: mT,
    minLabel: mT > 0 ? `-${significant(mT)}` : '0',
    maxLabel: significant(mT),
    dataMin: data ? data.min * MILLITESLA_PER_TESLA : null,
    dataMax: data ? data.max * MILLITESLA_PER_TESLA : null,
    // A map that is zero everywhere has a scale of one value: a single tick at 0.
    ticks: ticksBetween(-mT, mT, niceStep(-mT, mT, MAX_TICKS)),
    stops: [-1, 0, 1].map((t) => ({ at: (t + 1) / 2, colour: divergingColour(t * limit, limit) })),
  };
}

/** The colour bar of a depth map (`values` in mm, NaN ignored): 0 to the deepest value, in mm. */
export function depthColourBar(values: ArrayLike<number>): ColourBar {
  const data = extent(values);
  const limit = Math.max(0, data?.max ?? 0);
  return {
    scale: 'sequential',
    limit,
    unit: 'mm',
    min: 0,
    max: limit,
    minLabel: '0',
    maxLabel: significant(limit),
    dataMin: data ? data.min : null,
    dataMax: data ? data.max : null,
    ticks: ticksBetween(0, limit, niceStep(0, limit, MAX_TICKS)),
    stops: [0, 0.5, 1].map((at) => ({ at, colour: sequentialColour(at * limit, limit) })),
  };
}
