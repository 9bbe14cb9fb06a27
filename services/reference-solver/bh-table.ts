// Prints, as JSON on stdout, the fem model's B-H law sampled densely enough that piecewise-linear
// interpolation reproduces it: the reference solver (getdp_mfl.py) gives GetDP this table, so both
// codes solve with the same steel. `npx tsx services/reference-solver/bh-table.ts [material]`.
//
// Each row: h (A/m) and B (T) = mu0 mur h, with mur the secant permeability exactly as the fem
// solver evaluates it (material.ts). B(h), not mu(h^2), is what the reference interpolates: a
// piecewise-linear B(h) through increasing samples stays monotone (dB/dH >= 0, a convex energy, so
// Newton converges), while piecewise-linear mu(|H|^2) dips below dB/dH = 0 in the saturation tail.

import { MU0, resolveMaterial } from '../solver/models/fem/material';

/** Subdivisions per interval of the fem table, and the decades of the saturation tail. */
const SUBDIVISIONS = 16;
const TAIL_END_A_PER_M = 1e7;
const TAIL_POINTS = 24;

export interface BHTable {
  material: string;
  /** A/m, strictly increasing from 0. */
  h: number[];
  /** T, strictly increasing. */
  b: number[];
}

/** Sample points: the curve's own rows split evenly, then log-spaced through the mu0 tail. */
export function samplePoints(rows: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    for (let s = 0; s < SUBDIVISIONS; s++) out.push(rows[i]! + ((rows[i + 1]! - rows[i]!) * s) / SUBDIVISIONS);
  }
  const last = rows[rows.length - 1]!;
  const ratio = Math.pow(TAIL_END_A_PER_M / last, 1 / TAIL_POINTS);
  for (let k = 0; k <= TAIL_POINTS; k++) out.push(last * Math.pow(ratio, k));
  return out;
}

export function bhTable(materialName: string, rows: readonly number[]): BHTable {
  const material = resolveMaterial(materialName);
  const scratch = new Float64Array(2);
  const table: BHTable = { material: material.name, h: [], b: [] };
  for (const h of samplePoints(rows)) {
    material.evaluate(h, scratch);
    table.h.push(h);
    table.b.push(MU0 * scratch[0]! * h);
  }
  return table;
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'team13';
  if (name !== 'team13') throw new Error(`material: only "team13" has a tabulated B-H curve to export; got "${name}"`);
  const { TEAM13_H } = await import('../solver/models/fem/team13');
  process.stdout.write(JSON.stringify(bhTable(name, TEAM13_H)));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
