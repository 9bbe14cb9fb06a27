// Original file: proto/synthflux/solver/v1/solver.proto


export interface ModelInfo {
  'name'?: (string);
  'description'?: (string);
  'meshes'?: (string)[];
  'materials'?: (string)[];
}

export interface ModelInfo__Output {
  'name': (string);
  'description': (string);
  'meshes': (string)[];
  'materials': (string)[];
}
