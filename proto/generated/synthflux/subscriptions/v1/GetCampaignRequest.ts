// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface GetCampaignRequest {
  'campaignId'?: (string);
}

export interface GetCampaignRequest__Output {
  'campaignId': (string);
}
