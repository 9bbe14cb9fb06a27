// Original file: proto/synthflux/control/v1/control.proto

import type { FailureGroup as _synthflux_control_v1_FailureGroup, FailureGroup__Output as _synthflux_control_v1_FailureGroup__Output } from '../../../synthflux/control/v1/FailureGroup';
import type { FailedSimulation as _synthflux_control_v1_FailedSimulation, FailedSimulation__Output as _synthflux_control_v1_FailedSimulation__Output } from '../../../synthflux/control/v1/FailedSimulation';

export interface ListFailuresResponse {
  'campaignId'?: (string);
  'groups'?: (_synthflux_control_v1_FailureGroup)[];
  'simulations'?: (_synthflux_control_v1_FailedSimulation)[];
}

export interface ListFailuresResponse__Output {
  'campaignId': (string);
  'groups': (_synthflux_control_v1_FailureGroup__Output)[];
  'simulations': (_synthflux_control_v1_FailedSimulation__Output)[];
}
