// Original file: proto/synthflux/solver/v1/solver.proto

export const DefectProfile = {
  DEFECT_PROFILE_UNSPECIFIED: 'DEFECT_PROFILE_UNSPECIFIED',
  DEFECT_PROFILE_RECTANGULAR: 'DEFECT_PROFILE_RECTANGULAR',
  DEFECT_PROFILE_ROUNDED: 'DEFECT_PROFILE_ROUNDED',
  DEFECT_PROFILE_DEPTH_MAP: 'DEFECT_PROFILE_DEPTH_MAP',
} as const;

export type DefectProfile =
  | 'DEFECT_PROFILE_UNSPECIFIED'
  | 0
  | 'DEFECT_PROFILE_RECTANGULAR'
  | 1
  | 'DEFECT_PROFILE_ROUNDED'
  | 2
  | 'DEFECT_PROFILE_DEPTH_MAP'
  | 3

export type DefectProfile__Output = typeof DefectProfile[keyof typeof DefectProfile]
