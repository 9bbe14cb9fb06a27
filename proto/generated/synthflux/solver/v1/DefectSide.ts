// Original file: proto/synthflux/solver/v1/solver.proto

export const DefectSide = {
  DEFECT_SIDE_UNSPECIFIED: 'DEFECT_SIDE_UNSPECIFIED',
  DEFECT_SIDE_NEAR: 'DEFECT_SIDE_NEAR',
  DEFECT_SIDE_FAR: 'DEFECT_SIDE_FAR',
} as const;

export type DefectSide =
  | 'DEFECT_SIDE_UNSPECIFIED'
  | 0
  | 'DEFECT_SIDE_NEAR'
  | 1
  | 'DEFECT_SIDE_FAR'
  | 2

export type DefectSide__Output = typeof DefectSide[keyof typeof DefectSide]
