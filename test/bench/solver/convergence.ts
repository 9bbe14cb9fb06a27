// Pure helpers of the FEM verification bench: Richardson extrapolation over a mesh refinement
// ladder (map figures, correlation and quantiles come from the solver's signal-figures.ts and
// statistics.ts).

export { channel, mapFigures, type MapFigures } from '../../../services/solver/models/signal-figures';
export { pearson, percentFrom, quantile } from '../../../services/solver/models/statistics';

export interface Extrapolation {
  /** Estimate of the mesh-converged value. */
  converged: number;
  /** Observed order of convergence, or null where the three finest levels are not monotone. */
  observedOrder: number | null;
  /** How the estimate was made. */
  method: 'richardson' | 'least-squares-order-2';
}

/**
 * Mesh-converged value from a refinement ladder: `values[k]` solved with spacing `h[k]` (any unit,
 * decreasing). With the three finest levels monotone, Richardson extrapolation with the observed
 * order p = ln(e1/e2) / ln(r) (r the spacing ratio, which must be equal between them). Otherwise the
 * levels are not in the asymptotic range: fit v = v_inf + C h^2 by least squares over the four
 * finest levels, and report no observed order.
 */
export function extrapolate(h: readonly number[], values: readonly number[]): Extrapolation {
  const n = values.length;
  if (n < 3 || h.length !== n) throw new RangeError(`extrapolate: need >= 3 levels with one spacing each (got ${n}, ${h.length})`);
  const [h1, h2, h3] = [h[n - 3]!, h[n - 2]!, h[n - 1]!];
  const [f1, f2, f3] = [values[n - 3]!, values[n - 2]!, values[n - 1]!];
  const r = h2 / h3;
  if (Math.abs(h1 / h2 - r) > 1e-6 * r) throw new RangeError('extrapolate: the three finest spacings must have a constant ratio');
  const e1 = f1 - f2;
  const e2 = f2 - f3;
  if (e1 * e2 > 0) {
    const p = Math.log(e1 / e2) / Math.log(r);
    if (p > 0.5 && p < 6) return { converged: f3 + (f3 - f2) / (r ** p - 1), observedOrder: p, method: 'richardson' };
  }
  const k0 = Math.max(0, n - 4);
  const xs = h.slice(k0).map((v) => v * v);
  const ys = values.slice(k0);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  return { converged: my - (sxy / sxx) * mx, observedOrder: null, method: 'least-squares-order-2' };
}
