// Where a campaign asks the calibrated dipole model for more than its calibration covers: the
// fields whose range leaves the calibrated ranges, for `campaign validate` to say so.

import { CALIBRATED_RANGES } from '../solver/models/dipole-calibration/features';
import { AS_SCANNED } from './constants';
import { axisOf, parameterAxes, type Axis } from './space';
import type { CampaignSpec, NumericParamName } from './types';

const RANGE_OF: Record<NumericParamName, keyof typeof CALIBRATED_RANGES> = {
  backgroundField: 'backgroundFieldKAPerM',
  wallThickness: 'wallThicknessMm',
  defectLength: 'defectLengthMm',
  defectWidth: 'defectWidthMm',
  defectDepth: 'defectDepthPercent',
};

function extent(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** The spec's parameter axes; a scan campaign's geometry comes from its library, so only its field and wall. */
function numericAxes(spec: CampaignSpec): Axis[] {
  if (spec.sampler !== 'scan') return parameterAxes(spec.parameters, spec.sampler);
  const { backgroundField, wallThickness } = spec.parameters;
  return [axisOf('backgroundField', backgroundField, 'scan'), ...(wallThickness === AS_SCANNED ? [] : [axisOf('wallThickness', wallThickness, 'scan')])];
}

/** One line per spec field outside the dipole calibration (empty for other models or inside it). */
export function dipoleCalibrationNotes(spec: CampaignSpec): string[] {
  if (spec.solver.model !== 'dipole') return [];
  const notes: string[] = [];
  const check = (field: string, [lo, hi]: [number, number], [clo, chi]: readonly [number, number]): void => {
    if (lo < clo || hi > chi) notes.push(`${field}: ${lo}..${hi} leaves the dipole model's calibrated range ${clo}..${chi}; the amplitude there is extrapolated`);
  };
  for (const axis of numericAxes(spec)) {
    if (!(axis.name in RANGE_OF)) continue;
    const range = CALIBRATED_RANGES[RANGE_OF[axis.name as NumericParamName]];
    if (axis.kind === 'fixed') check(`parameters.${axis.name}`, extent([Number(axis.value)]), range);
    else if (axis.kind === 'continuous') check(`parameters.${axis.name}`, [axis.min, axis.max], range);
    else check(`parameters.${axis.name}`, extent(axis.values.map(Number)), range);
  }
  check('solver.sensorGrid.liftOff', extent([spec.solver.sensorGrid.liftOff]), CALIBRATED_RANGES.liftOffMm);
  return notes;
}
