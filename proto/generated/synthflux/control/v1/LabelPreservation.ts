// Original file: proto/synthflux/control/v1/control.proto


export interface LabelPreservation {
  'realMae'?: (number | string);
  'mapsMae'?: (number | string);
}

export interface LabelPreservation__Output {
  'realMae': (number);
  'mapsMae': (number);
}
