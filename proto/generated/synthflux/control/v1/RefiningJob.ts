// Original file: proto/synthflux/control/v1/control.proto


export interface RefiningJob {
  'jobId'?: (string);
  'status'?: (string);
  'error'?: (string);
  'refinedBatches'?: (number);
  'inferenceMs'?: (number | string);
  '_refinedBatches'?: "refinedBatches";
  '_inferenceMs'?: "inferenceMs";
}

export interface RefiningJob__Output {
  'jobId': (string);
  'status': (string);
  'error': (string);
  'refinedBatches'?: (number);
  'inferenceMs'?: (number);
  '_refinedBatches'?: "refinedBatches";
  '_inferenceMs'?: "inferenceMs";
}
