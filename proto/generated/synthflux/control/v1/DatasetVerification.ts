// Original file: proto/synthflux/control/v1/control.proto


export interface DatasetVerification {
  'campaignId'?: (string);
  'catalogRows'?: (number);
  'distinctIndexes'?: (number);
  'succeededRows'?: (number);
  'mapsInStore'?: (number);
  'checksumMatches'?: (number);
  'mismatches'?: (number)[];
  'matches'?: (boolean);
}

export interface DatasetVerification__Output {
  'campaignId': (string);
  'catalogRows': (number);
  'distinctIndexes': (number);
  'succeededRows': (number);
  'mapsInStore': (number);
  'checksumMatches': (number);
  'mismatches': (number)[];
  'matches': (boolean);
}
