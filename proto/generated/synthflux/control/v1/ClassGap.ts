// Original file: proto/synthflux/control/v1/control.proto


export interface ClassGap {
  'defectClass'?: (string);
  'real'?: (number);
  'synthetic'?: (number);
  'cnnAuc'?: (number | string);
  'depthMae'?: (number | string);
  '_cnnAuc'?: "cnnAuc";
  '_depthMae'?: "depthMae";
}

export interface ClassGap__Output {
  'defectClass': (string);
  'real': (number);
  'synthetic': (number);
  'cnnAuc'?: (number);
  'depthMae'?: (number);
  '_cnnAuc'?: "cnnAuc";
  '_depthMae'?: "depthMae";
}
