// Original file: proto/synthflux/solver/v1/solver.proto


export interface SignalMap {
  'shape'?: (number)[];
  'channels'?: (string)[];
  'units'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface SignalMap__Output {
  'shape': (number)[];
  'channels': (string)[];
  'units': (string);
  'data': (Buffer);
}
