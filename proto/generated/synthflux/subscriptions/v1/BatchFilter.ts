// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface BatchFilter {
  'campaignIds'?: (string)[];
}

export interface BatchFilter__Output {
  'campaignIds': (string)[];
}
