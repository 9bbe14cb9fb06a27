// Original file: proto/synthflux/solver/v1/solver.proto


export interface DepthMap {
  'axialPitchMm'?: (number | string);
  'circumferentialPitchMm'?: (number | string);
  'axialCount'?: (number);
  'circumferentialCount'?: (number);
  'depthsMm'?: (number | string)[];
}

export interface DepthMap__Output {
  'axialPitchMm': (number);
  'circumferentialPitchMm': (number);
  'axialCount': (number);
  'circumferentialCount': (number);
  'depthsMm': (number)[];
}
