// Original file: proto/synthflux/control/v1/control.proto


export interface SetLimitsRequest {
  'campaignId'?: (string);
  'maxShardsInFlight'?: (number);
  'maxBatchesInFlight'?: (number);
}

export interface SetLimitsRequest__Output {
  'campaignId': (string);
  'maxShardsInFlight': (number);
  'maxBatchesInFlight': (number);
}
