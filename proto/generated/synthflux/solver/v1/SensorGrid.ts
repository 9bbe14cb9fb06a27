// Original file: proto/synthflux/solver/v1/solver.proto


export interface SensorGrid {
  'liftOffMm'?: (number | string);
  'axialPitchMm'?: (number | string);
  'circumferentialPitchMm'?: (number | string);
  'axialCount'?: (number);
  'circumferentialCount'?: (number);
}

export interface SensorGrid__Output {
  'liftOffMm': (number);
  'axialPitchMm': (number);
  'circumferentialPitchMm': (number);
  'axialCount': (number);
  'circumferentialCount': (number);
}
