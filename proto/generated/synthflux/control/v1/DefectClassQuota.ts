// Original file: proto/synthflux/control/v1/control.proto


export interface DefectClassQuota {
  'defectClass'?: (string);
  'share'?: (number | string);
}

export interface DefectClassQuota__Output {
  'defectClass': (string);
  'share': (number);
}
