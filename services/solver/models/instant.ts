// The "instant" model returns an all-zero map without computing anything. It exists to measure
// the orchestration (scheduling, storage, catalog) on its own, as `npm run bench:orchestration`
// does; its maps carry no physics and it says so in its description.

import { DEFECT_TYPES, SIGNAL_CHANNELS } from '../../domain/defect';
import { type PhysicsModel } from './types';

export const instantModel: PhysicsModel = {
  name: 'instant',
  description: 'Benchmark model: all-zero maps, no physics; measures orchestration alone',
  meshes: [],
  materials: [],
  defectTypes: DEFECT_TYPES,
  solve(_defect, grid) {
    return {
      data: new Float32Array(SIGNAL_CHANNELS.length * grid.axialCount * grid.circumferentialCount),
      stats: { dofs: 0, iterations: 0, residual: 0 },
    };
  },
};
