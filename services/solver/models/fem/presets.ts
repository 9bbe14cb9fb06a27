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

const STANDARD: MeshPreset = { hx: 2, hy: 3, hzWall: 1.25, hzGap: 0.5, ratio: 1.35 };

/** coarse, standard and fine are levels 2, 1 and 1/sqrt2 of one refinement ladder (scaledPreset). */
export const MESH_PRESETS: Readonly<Record<'coarse' | 'standard' | 'fine', MeshPreset>> = {
  coarse: scaledPreset(STANDARD, 2),
  standard: STANDARD,
  fine: scaledPreset(STANDARD, Math.SQRT1_2),
};

/** Truncation: the domain extends this far (mm) beyond the core in x, y and above/below the wall,
 * at least; see domainMargin in mesh.ts. */
export const MIN_MARGIN_MM = 150;

/** Lift-off (mm) at which a preset's spacings apply near the defect; smaller lift-offs get
 * proportionally finer spacing there (mesh.ts edgeSpacing). */
export const REFERENCE_LIFT_OFF_MM = 2;
/** Defect length (width) in mm below which the axial (circumferential) spacing near the defect
 * is refined in proportion (mesh.ts edgeRefinement). */
export const REFERENCE_EXTENT_MM = 8;

/** Factor on the in-plane spacings (x, y) near a defect with a curved surface (`rounded`): its rim
 * crosses elements, which the cut elements (mesh.ts cutGeometry, laminate.ts) integrate exactly in
 * volume but Q1 cannot bend with, so the rim needs finer cells than a box's edges on node planes.
 * Measured on v11 (30 x 30 mm pit, 60 %, converged Bz p-p 49.4 mT): factor 1 read `standard` 6.3 %
 * and `fine` 3.4 % low, factor 1/2 2.0 % and 0.5 % low, at 2.3x the unknowns. */
export const CURVED_SURFACE_REFINEMENT = 0.5;

/** A preset's spacings times `scale` (growth ratio to the power `scale`): the refinement ladder of
 * the verification bench, where scale 2, sqrt2, 1, 1/sqrt2, 1/2 are successive levels. */
export function scaledPreset(p: MeshPreset, scale: number): MeshPreset {
  return { hx: p.hx * scale, hy: p.hy * scale, hzWall: p.hzWall * scale, hzGap: p.hzGap * scale, ratio: p.ratio ** scale };
}
