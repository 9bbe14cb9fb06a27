// Original file: proto/synthflux/control/v1/control.proto


export interface SubmitCampaignRequest {
  'specYaml'?: (string);
  'campaignId'?: (string);
}

export interface SubmitCampaignRequest__Output {
  'specYaml': (string);
  'campaignId': (string);
}
