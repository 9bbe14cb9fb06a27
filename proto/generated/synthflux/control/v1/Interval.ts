// Original file: proto/synthflux/control/v1/control.proto


export interface Interval {
  'low'?: (number | string);
  'high'?: (number | string);
}

export interface Interval__Output {
  'low': (number);
  'high': (number);
}
