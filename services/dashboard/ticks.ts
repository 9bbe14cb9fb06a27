// Round tick values for the signal maps' mm axes and mT colour bars: steps of 1, 2 or 5 times a
// power of ten, so a label reads 10 mm or 0.5 mT rather than 9.73.

/** The smallest 1-2-5 step with at most `maxTicks` multiples in [min, max]; 0 for an empty range. */
export function niceStep(min: number, max: number, maxTicks: number): number {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return 0;
  // Multiples in the range, not span / step: -63..63 takes 7 ticks of 20, where span / step says 6.3.
  const count = (step: number): number => Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1;
  let magnitude = 10 ** Math.floor(Math.log10(span / Math.max(1, maxTicks)));
  for (;;) {
    for (const m of [1, 2, 5]) if (count(m * magnitude) <= maxTicks) return m * magnitude;
    magnitude *= 10;
  }
}

/** Decimals that a multiple of `step` needs to print exactly. */
export function stepDecimals(step: number): number {
  return step > 0 ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0;
}

export interface Tick {
  value: number;
  label: string;
}

/** The multiples of `step` in [min, max] (ends included, within rounding); [min] when step is 0. */
export function ticksBetween(min: number, max: number, step: number): Tick[] {
  const decimals = stepDecimals(step);
  // toFixed drops the float noise of k * step (0.30000000000000004); + 0 turns -0 into 0, which
  // reads as 0 whatever the step's decimals.
  const tick = (v: number): Tick => {
    const value = Number(v.toFixed(decimals)) + 0;
    return { value, label: value === 0 ? '0' : value.toFixed(decimals) };
  };
  if (!(step > 0)) return [tick(min)];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => tick((first + k) * step));
}
