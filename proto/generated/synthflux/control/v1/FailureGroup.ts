// Original file: proto/synthflux/control/v1/control.proto


export interface FailureGroup {
  'reason'?: (string);
  'count'?: (number);
  'samples'?: (string)[];
  'indexes'?: (number)[];
}

export interface FailureGroup__Output {
  'reason': (string);
  'count': (number);
  'samples': (string)[];
  'indexes': (number)[];
}
