// Original file: proto/synthflux/control/v1/control.proto


export interface ListFailuresRequest {
  'campaignId'?: (string);
  'listLimit'?: (number);
}

export interface ListFailuresRequest__Output {
  'campaignId': (string);
  'listLimit': (number);
}
