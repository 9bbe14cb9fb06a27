// Original file: proto/synthflux/control/v1/control.proto

import type { GapCheckResult as _synthflux_control_v1_GapCheckResult, GapCheckResult__Output as _synthflux_control_v1_GapCheckResult__Output } from '../../../synthflux/control/v1/GapCheckResult';
import type { RefinerTraining as _synthflux_control_v1_RefinerTraining, RefinerTraining__Output as _synthflux_control_v1_RefinerTraining__Output } from '../../../synthflux/control/v1/RefinerTraining';
import type { RefiningJob as _synthflux_control_v1_RefiningJob, RefiningJob__Output as _synthflux_control_v1_RefiningJob__Output } from '../../../synthflux/control/v1/RefiningJob';

export interface Refinement {
  'workflowId'?: (string);
  'startedAt'?: (string);
  'method'?: (string);
  'realDatasetId'?: (string);
  'realDatasetName'?: (string);
  'standIn'?: (boolean);
  'raw'?: (_synthflux_control_v1_GapCheckResult | null);
  'refined'?: (_synthflux_control_v1_GapCheckResult | null);
  'training'?: (_synthflux_control_v1_RefinerTraining | null);
  'refining'?: (_synthflux_control_v1_RefiningJob | null);
  '_standIn'?: "standIn";
}

export interface Refinement__Output {
  'workflowId': (string);
  'startedAt': (string);
  'method': (string);
  'realDatasetId': (string);
  'realDatasetName': (string);
  'standIn'?: (boolean);
  'raw': (_synthflux_control_v1_GapCheckResult__Output | null);
  'refined': (_synthflux_control_v1_GapCheckResult__Output | null);
  'training': (_synthflux_control_v1_RefinerTraining__Output | null);
  'refining': (_synthflux_control_v1_RefiningJob__Output | null);
  '_standIn'?: "standIn";
}
