// Original file: proto/synthflux/solver/v1/solver.proto


export interface BHCurve {
  'name'?: (string);
  'sha256'?: (string);
  'hAPerM'?: (number | string)[];
  'bT'?: (number | string)[];
}

export interface BHCurve__Output {
  'name': (string);
  'sha256': (string);
  'hAPerM': (number)[];
  'bT': (number)[];
}
