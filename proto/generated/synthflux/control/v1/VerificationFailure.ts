// Original file: proto/synthflux/control/v1/control.proto


export interface VerificationFailure {
  'error'?: (string);
  'count'?: (number);
}

export interface VerificationFailure__Output {
  'error': (string);
  'count': (number);
}
