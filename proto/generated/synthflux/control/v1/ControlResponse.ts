// Original file: proto/synthflux/control/v1/control.proto


export interface ControlResponse {
  'campaignId'?: (string);
  'workflowId'?: (string);
}

export interface ControlResponse__Output {
  'campaignId': (string);
  'workflowId': (string);
}
