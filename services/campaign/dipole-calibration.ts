// The dipole model's calibration campaign (services/solver/models/dipole-calibration/README.md),
// expanded by the campaign's own sampler.

import { CALIBRATION_MESH, PER_LIFT_OFF } from '../solver/models/dipole-calibration/campaign';
import type { DefectCase } from '../domain/defect';
import { expandRange } from './expand';
import { parseCampaignSpecObject } from './parse';

/** The calibration campaign at one lift-off, expanded by the campaign's own sampler. */
export function calibrationCampaign(liftOffMm: number): DefectCase[] {
  const parsed = parseCampaignSpecObject({
    name: `dipole-calibration-liftoff-${liftOffMm}`,
    count: PER_LIFT_OFF,
    seed: 1000 + liftOffMm,
    sampler: 'sobol',
    // No parameters: every one takes its seed range (NUMERIC_PARAMS defaultRange, both sides).
    solver: { model: 'fem', mesh: CALIBRATION_MESH, sensorGrid: { liftOff: liftOffMm, axialPitch: 2, circumferentialPitch: 4, axialCount: 64, circumferentialCount: 32 } },
  });
  if (!parsed.ok) throw new Error(`calibration spec: ${JSON.stringify(parsed.errors)}`);
  return expandRange(parsed.spec, 0, PER_LIFT_OFF);
}
