// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface ListCampaignsRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListCampaignsRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
}
