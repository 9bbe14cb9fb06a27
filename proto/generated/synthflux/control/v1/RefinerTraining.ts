// Original file: proto/synthflux/control/v1/control.proto


export interface RefinerTraining {
  'jobId'?: (string);
  'status'?: (string);
  'error'?: (string);
  'pairs'?: (number);
  'steps'?: (number);
  'trainSeconds'?: (number | string);
  'onnxMaxAbsDiff'?: (number | string);
  '_pairs'?: "pairs";
  '_steps'?: "steps";
  '_trainSeconds'?: "trainSeconds";
  '_onnxMaxAbsDiff'?: "onnxMaxAbsDiff";
}

export interface RefinerTraining__Output {
  'jobId': (string);
  'status': (string);
  'error': (string);
  'pairs'?: (number);
  'steps'?: (number);
  'trainSeconds'?: (number);
  'onnxMaxAbsDiff'?: (number);
  '_pairs'?: "pairs";
  '_steps'?: "steps";
  '_trainSeconds'?: "trainSeconds";
  '_onnxMaxAbsDiff'?: "onnxMaxAbsDiff";
}
