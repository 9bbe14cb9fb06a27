// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface GetDatasetRequest {
  'campaignId'?: (string);
}

export interface GetDatasetRequest__Output {
  'campaignId': (string);
}
