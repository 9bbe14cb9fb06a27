// The "fem" physics model: 3D nonlinear magnetostatic FEM of the MFL problem (see README.md).

import type { DefectCase, ModelSettings, SensorGridSpec } from '../../../domain/defect';
import type { PhysicsModel, SignalMapResult } from '../types';
import { bhCurveSha256, linearMur, tableMaterialName } from './material';
import { solveFem } from './solve';
import { checkBHTable } from './validate';

export const FEM_MESHES = ['coarse', 'standard', 'fine'] as const;
export const FEM_MATERIALS = ['team13', 'linear-<mur>'] as const;

/** Issues with the material settings, named as the contract names them (settings.material, settings.bh_curve). */
export function checkFemMaterial(settings: Pick<ModelSettings, 'material' | 'bhCurve'>): string[] {
  const { material, bhCurve } = settings;
  if (!bhCurve) {
    if (material === undefined || material === 'team13' || linearMur(material) !== undefined) return [];
    return [`settings.material: model "fem" accepts team13 (the default), linear-<mu_r >= 1> (e.g. linear-1000), or a B-H table in settings.bh_curve (got "${material}")`];
  }
  const issues: string[] = [];
  if (material !== undefined && material !== bhCurve.name) {
    issues.push(`settings.material: must be empty or the curve's name "${bhCurve.name}" when settings.bh_curve is set (got "${material}")`);
  }
  issues.push(...checkBHTable(bhCurve.hAPerM, bhCurve.bT, (i) => `settings.bh_curve row ${i + 1}`, 'settings.bh_curve'));
  if (issues.length === 0 && bhCurve.sha256 !== '') {
    const actual = bhCurveSha256(bhCurve.hAPerM, bhCurve.bT);
    if (actual !== bhCurve.sha256) issues.push(`settings.bh_curve.sha256: "${bhCurve.sha256}" does not match the rows' content (${actual})`);
  }
  return issues;
}

export const femModel: PhysicsModel = {
  name: 'fem',
  description:
    '3D nonlinear magnetostatic FEM (total scalar potential, trilinear hexahedra, Newton + multigrid-preconditioned CG) of a steel plate with a metal-loss defect; returns the leakage field (background removed)',
  meshes: FEM_MESHES,
  materials: FEM_MATERIALS,
  defectTypes: ['rectangular', 'rounded', 'depth-map'],
  checkMaterial: checkFemMaterial,
  solve(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings): SignalMapResult {
    const { bhCurve, ...rest } = settings;
    const material = bhCurve ? tableMaterialName({ ...bhCurve, sha256: bhCurve.sha256 || bhCurveSha256(bhCurve.hAPerM, bhCurve.bT) }) : settings.material;
    const { data, stats } = solveFem(defect, grid, material === undefined ? rest : { ...rest, material });
    return { data, stats };
  },
};

export { solveFem } from './solve';
export type { FemDetails, FemOptions, FemResult } from './solve';
