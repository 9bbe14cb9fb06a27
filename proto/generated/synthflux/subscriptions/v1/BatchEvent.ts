// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface BatchEvent {
  'cursor'?: (string);
  'campaignId'?: (string);
  'batchIndex'?: (number);
  'startIndex'?: (number);
  'count'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'checksum'?: (string);
  'bucket'?: (string);
  'datasetPrefix'?: (string);
  'locations'?: (string)[];
  'committedAt'?: (string);
  'revision'?: (number);
  'superseded'?: (boolean);
}

export interface BatchEvent__Output {
  'cursor': (string);
  'campaignId': (string);
  'batchIndex': (number);
  'startIndex': (number);
  'count': (number);
  'succeeded': (number);
  'failed': (number);
  'checksum': (string);
  'bucket': (string);
  'datasetPrefix': (string);
  'locations': (string)[];
  'committedAt': (string);
  'revision': (number);
  'superseded': (boolean);
}
