// Original file: proto/synthflux/control/v1/control.proto

import type { Spread as _synthflux_control_v1_Spread, Spread__Output as _synthflux_control_v1_Spread__Output } from '../../../synthflux/control/v1/Spread';
import type { VerificationFailure as _synthflux_control_v1_VerificationFailure, VerificationFailure__Output as _synthflux_control_v1_VerificationFailure__Output } from '../../../synthflux/control/v1/VerificationFailure';

export interface VerificationStatus {
  'fraction'?: (number | string);
  'pool'?: (string);
  'mesh'?: (string);
  'workflowId'?: (string);
  'workflowStatus'?: (string);
  'sampled'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'pending'?: (number);
  'bzPeakToPeakAbsDiffPercent'?: (_synthflux_control_v1_Spread | null);
  'bxPeakAbsDiffPercent'?: (_synthflux_control_v1_Spread | null);
  'minCorrelation'?: (number | string);
  'referenceSolvers'?: (string)[];
  'topFailure'?: (_synthflux_control_v1_VerificationFailure | null);
  '_minCorrelation'?: "minCorrelation";
}

export interface VerificationStatus__Output {
  'fraction': (number);
  'pool': (string);
  'mesh': (string);
  'workflowId': (string);
  'workflowStatus': (string);
  'sampled': (number);
  'succeeded': (number);
  'failed': (number);
  'pending': (number);
  'bzPeakToPeakAbsDiffPercent': (_synthflux_control_v1_Spread__Output | null);
  'bxPeakAbsDiffPercent': (_synthflux_control_v1_Spread__Output | null);
  'minCorrelation'?: (number);
  'referenceSolvers': (string)[];
  'topFailure': (_synthflux_control_v1_VerificationFailure__Output | null);
  '_minCorrelation'?: "minCorrelation";
}
