// Original file: proto/synthflux/control/v1/control.proto


export interface CampaignProgress {
  'totalSimulations'?: (number);
  'totalBatches'?: (number);
  'completedBatches'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'shardsInFlight'?: (number);
  'paused'?: (boolean);
  'maxShardsInFlight'?: (number);
  'maxBatchesInFlight'?: (number);
  'ratePerSecond'?: (number | string);
  'etaSeconds'?: (number | string);
  'phase'?: (string);
}

export interface CampaignProgress__Output {
  'totalSimulations': (number);
  'totalBatches': (number);
  'completedBatches': (number);
  'succeeded': (number);
  'failed': (number);
  'shardsInFlight': (number);
  'paused': (boolean);
  'maxShardsInFlight': (number);
  'maxBatchesInFlight': (number);
  'ratePerSecond': (number);
  'etaSeconds': (number);
  'phase': (string);
}
