// Original file: proto/synthflux/control/v1/control.proto


export interface FailedSimulation {
  'index'?: (number);
  'batchIndex'?: (number);
  'attempts'?: (number);
  'error'?: (string);
}

export interface FailedSimulation__Output {
  'index': (number);
  'batchIndex': (number);
  'attempts': (number);
  'error': (string);
}
