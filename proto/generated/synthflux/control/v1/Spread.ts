// Original file: proto/synthflux/control/v1/control.proto


export interface Spread {
  'median'?: (number | string);
  'max'?: (number | string);
}

export interface Spread__Output {
  'median': (number);
  'max': (number);
}
