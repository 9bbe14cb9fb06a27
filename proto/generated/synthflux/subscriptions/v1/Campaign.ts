// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto


export interface Campaign {
  'campaignId'?: (string);
  'name'?: (string);
  'state'?: (string);
  'total'?: (number);
  'batchSize'?: (number);
  'batchCount'?: (number);
  'batchesDone'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'datasetUrl'?: (string);
  'createdAt'?: (string);
  'completedAt'?: (string);
  'owner'?: (string);
}

export interface Campaign__Output {
  'campaignId': (string);
  'name': (string);
  'state': (string);
  'total': (number);
  'batchSize': (number);
  'batchCount': (number);
  'batchesDone': (number);
  'succeeded': (number);
  'failed': (number);
  'datasetUrl': (string);
  'createdAt': (string);
  'completedAt': (string);
  'owner': (string);
}
