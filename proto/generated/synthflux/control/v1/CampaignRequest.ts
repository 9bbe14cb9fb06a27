// Original file: proto/synthflux/control/v1/control.proto


export interface CampaignRequest {
  'campaignId'?: (string);
}

export interface CampaignRequest__Output {
  'campaignId': (string);
}
