// Original file: proto/synthflux/solver/v1/solver.proto


export interface InfoRequest {
}

export interface InfoRequest__Output {
}
