import { addWallField } from '../../../services/solver/models/charged-wall';
import type { ChargedWall } from '../../../services/solver/models/charged-wall';

/** H = sigma/(4 pi) * Int (P - r')/|P - r'|^3 dA' by an n x n midpoint rule: slow, but independent. */
function bruteForce(wall: ChargedWall, p: [number, number, number], n = 400): number[] {
  const dy = (wall.y2 - wall.y1) / n;
  const dz = (wall.z2 - wall.z1) / n;
  const h: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const rx = p[0] - wall.x;
      const ry = p[1] - (wall.y1 + (a + 0.5) * dy);
      const rz = p[2] - (wall.z1 + (b + 0.5) * dz);
      const r3 = Math.hypot(rx, ry, rz) ** 3;
      const w = (wall.sigma / (4 * Math.PI)) * dy * dz;
      h[0] += (w * rx) / r3;
      h[1] += (w * ry) / r3;
      h[2] += (w * rz) / r3;
    }
  }
  return h;
}

describe('field of a charged defect wall', () => {
  const wall: ChargedWall = { x: -10, y1: -5, y2: 5, z1: -4, z2: 0, sigma: 1000 };
  const points: [number, number, number][] = [
    [-10, 0, 2], // right above the wall's plane
    [-14, 3, 1.5],
    [0, -9, 3],
    [-8, 12, 6],
    [-40, -20, 2],
  ];

  it.each(points)('matches direct integration of Coulomb law at (%d, %d, %d)', (x, y, z) => {
    const closed = new Float64Array(3);
    addWallField(wall, x, y, z, closed);
    const reference = bruteForce(wall, [x, y, z]);
    const scale = Math.hypot(...reference);
    for (let c = 0; c < 3; c++) expect(Math.abs((closed[c] as number) - (reference[c] as number))).toBeLessThan(2e-3 * scale + 1e-9);
  });

  it('adds to what is already in the output', () => {
    const once = new Float64Array(3);
    addWallField(wall, -12, 1, 2, once);
    const twice = new Float64Array(3);
    addWallField(wall, -12, 1, 2, twice);
    addWallField(wall, -12, 1, 2, twice);
    for (let c = 0; c < 3; c++) expect(twice[c]).toBeCloseTo(2 * (once[c] as number), 12);
  });
});
