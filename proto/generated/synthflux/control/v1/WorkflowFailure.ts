// Original file: proto/synthflux/control/v1/control.proto


export interface WorkflowFailure {
  'type'?: (string);
  'message'?: (string);
}

export interface WorkflowFailure__Output {
  'type': (string);
  'message': (string);
}
