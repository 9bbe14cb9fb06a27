// Original file: proto/synthflux/control/v1/control.proto


export interface SubmitCampaignResponse {
  'campaignId'?: (string);
  'workflowId'?: (string);
  'total'?: (number);
  'batches'?: (number);
  'datasetUrl'?: (string);
}

export interface SubmitCampaignResponse__Output {
  'campaignId': (string);
  'workflowId': (string);
  'total': (number);
  'batches': (number);
  'datasetUrl': (string);
}
