// Original file: proto/synthflux/control/v1/control.proto


export interface GapCheck {
  'jobId'?: (string);
  'auc'?: (number | string);
  'standIn'?: (boolean);
  'reportKey'?: (string);
}

export interface GapCheck__Output {
  'jobId': (string);
  'auc': (number);
  'standIn': (boolean);
  'reportKey': (string);
}
