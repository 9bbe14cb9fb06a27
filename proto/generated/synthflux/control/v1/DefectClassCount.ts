// Original file: proto/synthflux/control/v1/control.proto


export interface DefectClassCount {
  'defectClass'?: (string);
  'count'?: (number);
}

export interface DefectClassCount__Output {
  'defectClass': (string);
  'count': (number);
}
