// The recovered-gradient read-out (sensors.ts) on potentials whose gradient is known: it is exact
// for polynomials of the degrees it interpolates, on the quarter model (with its mirrored nodes)
// and on the full domain.

import { makeGrid, newVector } from '../../../services/solver/models/fem/grid';
import { MU0 } from '../../../services/solver/models/fem/material';
import { buildMesh, type Symmetry } from '../../../services/solver/models/fem/mesh';
import { MESH_PRESETS } from '../../../services/solver/models/fem/presets';
import { sampleSensors } from '../../../services/solver/models/fem/sensors';
import type { SensorGridSpec } from '../../../services/domain/defect';
import { PLATE } from './helpers';

// Sensors off the node planes (odd pitch), so the interpolation is exercised between nodes.
const GRID: SensorGridSpec = { liftOffMm: 1.5, axialPitchMm: 1.7, circumferentialPitchMm: 2.9, axialCount: 21, circumferentialCount: 10 };
const H0 = 20000;
const L = 0.05; // metres: keeps the polynomial terms comparable to the background

// Odd in x, even in y (the quarter model's symmetry); cubic in x and y, quartic in z.
const phi = (x: number, y: number, z: number): number => -H0 * x + H0 * L * ((x / L) ** 3 - 3 * (x / L) * (y / L) ** 2 + (x / L) * (z / L) ** 4);
const grad = (x: number, y: number, z: number): [number, number, number] => [
  -H0 + H0 * (3 * (x / L) ** 2 - 3 * (y / L) ** 2 + (z / L) ** 4),
  H0 * (-6 * (x / L) * (y / L)),
  H0 * 4 * (x / L) * (z / L) ** 3,
];

function readOut(symmetry: Symmetry): { got: Float32Array; want: Float64Array } {
  const mesh = buildMesh(PLATE, GRID, MESH_PRESETS.coarse, symmetry);
  const g = makeGrid(mesh.x, mesh.y, mesh.z);
  const v = newVector(g);
  for (let i = 0; i < g.nx; i++)
    for (let j = 0; j < g.ny; j++) for (let k = 0; k < g.nz; k++) v[g.pad + k + g.nz * (j + g.ny * i)] = phi(g.x[i]!, g.y[j]!, g.z[k]!);
  const got = sampleSensors(mesh, g, v, H0, GRID);
  const na = GRID.axialCount;
  const nc = GRID.circumferentialCount;
  const want = new Float64Array(3 * na * nc);
  const z = GRID.liftOffMm * 1e-3;
  for (let a = 0; a < na; a++)
    for (let c = 0; c < nc; c++) {
      const x = (a - (na - 1) / 2) * GRID.axialPitchMm * 1e-3;
      const y = (c - (nc - 1) / 2) * GRID.circumferentialPitchMm * 1e-3;
      const [gx, gy, gz] = grad(x, y, z);
      want[a * nc + c] = MU0 * (-gx - H0);
      want[na * nc + a * nc + c] = -MU0 * gy;
      want[2 * na * nc + a * nc + c] = -MU0 * gz;
    }
  return { got, want };
}

describe('fem read-out: recovered gradient', () => {
  for (const symmetry of ['quarter', 'full'] as const)
    it(`is exact for cubic-in-plane, quartic-in-z potentials (${symmetry} domain)`, () => {
      const { got, want } = readOut(symmetry);
      let scale = 0;
      for (const w of want) scale = Math.max(scale, Math.abs(w));
      expect(scale).toBeGreaterThan(1e-3);
      for (let p = 0; p < want.length; p++) expect(Math.abs(got[p]! - want[p]!)).toBeLessThan(1e-5 * scale);
    });

  it('reads the defect-free background as zero perturbation', () => {
    const mesh = buildMesh(PLATE, GRID, MESH_PRESETS.coarse, 'quarter');
    const g = makeGrid(mesh.x, mesh.y, mesh.z);
    const v = newVector(g);
    for (let i = 0; i < g.nx; i++) for (let j = 0; j < g.ny; j++) for (let k = 0; k < g.nz; k++) v[g.pad + k + g.nz * (j + g.ny * i)] = -H0 * g.x[i]!;
    const got = sampleSensors(mesh, g, v, H0, GRID);
    for (const b of got) expect(Math.abs(b)).toBeLessThan(1e-9);
  });
});
