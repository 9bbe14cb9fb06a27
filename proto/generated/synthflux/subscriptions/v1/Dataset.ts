// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface Dataset {
  'campaignId'?: (string);
  'format'?: (string);
  'bucket'?: (string);
  'prefix'?: (string);
  'datasetUrl'?: (string);
  'manifestJson'?: (string);
}

export interface Dataset__Output {
  'campaignId': (string);
  'format': (string);
  'bucket': (string);
  'prefix': (string);
  'datasetUrl': (string);
  'manifestJson': (string);
}
