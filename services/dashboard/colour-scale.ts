// The heatmaps' colour scale and its colour bar. The heatmap (in the browser) and the colour bar
// the maps API sends use this one function, so the bar shows the colours the cells have.
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

/** Three significant digits, without an exponent down to 1e-6 (0.000123 rather than 1.23e-4). */
function significant(v: number): string {
  return String(Number(v.toPrecision(3)));
}

export interface ColourBar {
  /** The half-range in the values' unit (tesla): what divergingColour takes for this map. */
  limit: number;
  unit: 'mT';
  /** The ends of the scale, -limit and +limit. */
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
   * Gradient stops from min (at 0) to max (at 1). divergingColour is linear in RGB between
   * -limit, 0 and +limit, so these three stops draw it exactly.
   */
  stops: { at: number; colour: string }[];
}

/** The colour bar of one heatmap of `values` (tesla), in mT. */
export function colourBar(values: ArrayLike<number>): ColourBar {
  const limit = symmetricLimit(values);
  let dataMin = Infinity;
  let dataMax = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      dataMin = Math.min(dataMin, v);
      dataMax = Math.max(dataMax, v);
    }
  }
  const mT = limit * MILLITESLA_PER_TESLA;
  const finite = dataMin <= dataMax;
  return {
    limit,
    unit: 'mT',
    min: mT > 0 ? -mT : 0,
    max: mT,
    minLabel: mT > 0 ? `-${significant(mT)}` : '0',
    maxLabel: significant(mT),
    dataMin: finite ? dataMin * MILLITESLA_PER_TESLA : null,
    dataMax: finite ? dataMax * MILLITESLA_PER_TESLA : null,
    // A map that is zero everywhere has a scale of one value: a single tick at 0.
    ticks: ticksBetween(-mT, mT, niceStep(-mT, mT, MAX_TICKS)),
    stops: [-1, 0, 1].map((t) => ({ at: (t + 1) / 2, colour: divergingColour(t * limit, limit) })),
  };
}
