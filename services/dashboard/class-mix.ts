// A campaign's POF 100 defect class mix as the campaign page shows it: one row per class that has
// simulations or a quota, in the standard's order, with its share of the cataloged simulations
// beside the share the spec asked for.

import { DEFECT_CLASSES } from '../campaign';

export interface ClassMixRow {
  /** A POF class, or 'unknown' for simulations cataloged before classes were recorded. */
  defectClass: string;
  count: number;
  /** Share of the cataloged simulations, 0-1. */
  share: number;
  /** The spec's quota for the class, 0-1; null without quotas. */
  quota: number | null;
}

export function classMix(counts: Readonly<Record<string, number>>, quotas: Readonly<Record<string, number>> | null): ClassMixRow[] {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const order = [...DEFECT_CLASSES, 'unknown', ...Object.keys(counts).filter((k) => k !== 'unknown' && !(DEFECT_CLASSES as readonly string[]).includes(k))];
  return order
    .filter((c) => (counts[c] ?? 0) > 0 || (quotas?.[c] ?? 0) > 0)
    .map((c) => ({ defectClass: c, count: counts[c] ?? 0, share: total > 0 ? (counts[c] ?? 0) / total : 0, quota: quotas ? (quotas[c] ?? 0) : null }));
}
