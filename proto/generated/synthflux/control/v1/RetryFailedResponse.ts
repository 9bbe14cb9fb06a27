// Original file: proto/synthflux/control/v1/control.proto


export interface RetryFailedResponse {
  'campaignId'?: (string);
  'workflowId'?: (string);
}

export interface RetryFailedResponse__Output {
  'campaignId': (string);
  'workflowId': (string);
}
