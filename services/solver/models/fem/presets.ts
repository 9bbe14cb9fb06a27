// Mesh presets. Spacings are in mm; every preset is a graded structured hexahedral mesh whose fine
// core covers the defect and the sensor footprint (mesh.ts).

export interface MeshPreset {
  /** Axial (x) spacing in the core (defect + sensor footprint). */
  readonly hx: number;
  /** Circumferential (y) spacing in the core. */
  readonly hy: number;
  /** Normal (z) spacing inside the wall. */
  readonly hzWall: number;
  /** Normal spacing in the air between the near surface and the sensor plane (at most). */
  readonly hzGap: number;
  /** Geometric growth ratio of cell sizes outside the core. */
  readonly ratio: number;
}

export const MESH_PRESETS: Readonly<Record<'coarse' | 'standard' | 'fine', MeshPreset>> = {
  coarse: { hx: 4, hy: 6, hzWall: 2.5, hzGap: 1, ratio: 1.5 },
  standard: { hx: 2, hy: 3, hzWall: 1.25, hzGap: 0.5, ratio: 1.35 },
  fine: { hx: 1, hy: 1.5, hzWall: 0.625, hzGap: 0.25, ratio: 1.2 },
};

/** Truncation: the domain extends this far (mm) beyond the core in x, y and above/below the wall,
 * at least; see domainMargin in mesh.ts. */
export const MIN_MARGIN_MM = 150;
