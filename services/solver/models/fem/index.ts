// The "fem" physics model: 3D nonlinear magnetostatic FEM of the MFL problem (see README.md).

import type { DefectCase, ModelSettings, PhysicsModel, SensorGridSpec, SignalMapResult } from '../types';
import { solveFem } from './solve';

export const FEM_MESHES = ['coarse', 'standard', 'fine'] as const;
export const FEM_MATERIALS = ['team13', 'linear-<mur>'] as const;

export const femModel: PhysicsModel = {
  name: 'fem',
  description:
    '3D nonlinear magnetostatic FEM (total scalar potential, trilinear hexahedra, Newton + multigrid-preconditioned CG) of a steel plate with a metal-loss defect; returns the leakage field (background removed)',
  meshes: FEM_MESHES,
  materials: FEM_MATERIALS,
  solve(defect: DefectCase, grid: SensorGridSpec, settings: ModelSettings): SignalMapResult {
    const { data, stats } = solveFem(defect, grid, settings);
    return { data, stats };
  },
};

export { solveFem } from './solve';
export type { FemDetails, FemOptions, FemResult } from './solve';
