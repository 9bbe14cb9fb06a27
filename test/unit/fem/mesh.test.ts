// Element materials of the mesh (mesh.ts): box defects are exact on node planes, curved (rounded)
// defects get cut elements whose steel fractions add up to the exact geometry and whose normals
// are the surface's.

import { AIR, CUT, STEEL, buildMesh, type FemMesh, type Symmetry } from '../../../services/solver/models/fem/mesh';
import { MESH_PRESETS, scaledPreset } from '../../../services/solver/models/fem/presets';
import type { DefectCase } from '../../../services/domain/defect';
import { PLATE, SMALL_GRID } from './helpers';

const PIT: DefectCase = { ...PLATE, defectLengthMm: 30, defectWidthMm: 20, defectDepthPercent: 60, profile: 'rounded' };

/** Volume (m^3) of the defect: the wall's volume minus the mesh's steel volume. */
function defectVolume(mesh: FemMesh): number {
  const { x, y, z, steel, cut } = mesh;
  const [nx, ny, nz] = [x.length, y.length, z.length];
  let missing = 0;
  for (let i = 0; i < nx - 1; i++)
    for (let j = 0; j < ny - 1; j++)
      for (let k = 0; k < nz - 1; k++) {
        const zc = 0.5 * (z[k]! + z[k + 1]!);
        if (zc <= -mesh.wallT || zc >= 0) continue;
        const e = k + (nz - 1) * (j + (ny - 1) * i);
        const vol = (x[i + 1]! - x[i]!) * (y[j + 1]! - y[j]!) * (z[k + 1]! - z[k]!);
        let steelFraction = steel[e] === STEEL ? 1 : 0;
        if (steel[e] === CUT) steelFraction = cut.get(e)![0]!;
        missing += vol * (1 - steelFraction);
      }
  return missing;
}

/** Exact volume of the semi-ellipsoidal pit (half an ellipsoid), over the part a mesh covers. */
function exactPitVolume(d: DefectCase, symmetry: Symmetry): number {
  const v = (2 / 3) * Math.PI * (d.defectLengthMm / 2) * (d.defectWidthMm / 2) * ((d.defectDepthPercent / 100) * d.wallThicknessMm) * 1e-9;
  return symmetry === 'quarter' ? v / 4 : v;
}

describe('FEM mesh element materials', () => {
  it('a box defect has no cut elements and its exact volume', () => {
    const mesh = buildMesh(PLATE, SMALL_GRID, MESH_PRESETS.standard, 'quarter');
    expect(mesh.cut.size).toBe(0);
    expect([...mesh.steel].every((m) => m === AIR || m === STEEL)).toBe(true);
    const exact = (PLATE.defectLengthMm / 2) * (PLATE.defectWidthMm / 2) * ((PLATE.defectDepthPercent / 100) * PLATE.wallThicknessMm) * 1e-9;
    expect(defectVolume(mesh) / exact).toBeCloseTo(1, 12);
  });

  it.each<[DefectCase['side'], Symmetry]>([
    ['near', 'quarter'],
    ['far', 'quarter'],
    ['near', 'full'],
  ])('a rounded pit (%s side, %s) has its volume within 0.1 % on every level', (side, symmetry) => {
    const pit = { ...PIT, side };
    for (const scale of [2, 1, Math.SQRT1_2]) {
      const mesh = buildMesh(pit, SMALL_GRID, scaledPreset(MESH_PRESETS.standard, scale), symmetry);
      expect(mesh.cut.size).toBeGreaterThan(0);
      expect(Math.abs(defectVolume(mesh) / exactPitVolume(pit, symmetry) - 1)).toBeLessThan(0.001);
    }
  });

  it("gives cut elements the surface's normal", () => {
    // Semi-ellipsoid z = -d sqrt(1 - (x/a)^2 - (y/b)^2): normal ~ (x/a^2, y/b^2, z/d^2) (near side).
    const mesh = buildMesh(PIT, SMALL_GRID, MESH_PRESETS.standard, 'quarter');
    const [a, b, dep] = [15e-3, 10e-3, 6e-3];
    const { x, y, z } = mesh;
    const [ny, nz] = [y.length, z.length];
    let checked = 0;
    for (const [e, geom] of mesh.cut) {
      const k = e % (nz - 1);
      const j = Math.floor(e / (nz - 1)) % (ny - 1);
      const i = Math.floor(e / ((nz - 1) * (ny - 1)));
      const [xc, yc, zc] = [0.5 * (x[i]! + x[i + 1]!), 0.5 * (y[j]! + y[j + 1]!), 0.5 * (z[k]! + z[k + 1]!)];
      const r = Math.hypot(xc / a, yc / b, zc / dep);
      // Elements whose centre is near the surface and away from the rim, where the normal turns fast.
      if (Math.abs(r - 1) > 0.05 || zc > -0.25 * dep) continue;
      const want = [xc / a ** 2, yc / b ** 2, zc / dep ** 2];
      const norm = Math.hypot(...want);
      const cos = Math.abs(want.reduce((s, v, c) => s + (v / norm) * geom[c + 1]!, 0));
      expect(cos).toBeGreaterThan(0.95);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
