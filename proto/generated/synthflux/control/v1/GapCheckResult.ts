// Original file: proto/synthflux/control/v1/control.proto

import type { Interval as _synthflux_control_v1_Interval, Interval__Output as _synthflux_control_v1_Interval__Output } from '../../../synthflux/control/v1/Interval';
import type { LabelPreservation as _synthflux_control_v1_LabelPreservation, LabelPreservation__Output as _synthflux_control_v1_LabelPreservation__Output } from '../../../synthflux/control/v1/LabelPreservation';
import type { ClassGap as _synthflux_control_v1_ClassGap, ClassGap__Output as _synthflux_control_v1_ClassGap__Output } from '../../../synthflux/control/v1/ClassGap';

export interface GapCheckResult {
  'jobId'?: (string);
  'status'?: (string);
  'error'?: (string);
  'auc'?: (number | string);
  'detectionScore'?: (number | string);
  'cnnAuc'?: (number | string);
  'cnnAucCi95'?: (_synthflux_control_v1_Interval | null);
  'logisticAuc'?: (number | string);
  'logisticAucCi95'?: (_synthflux_control_v1_Interval | null);
  'seeds'?: (number);
  'mmdPValue'?: (number | string);
  'depthMae'?: (number | string);
  'labelPreservation'?: (_synthflux_control_v1_LabelPreservation | null);
  'byClass'?: (_synthflux_control_v1_ClassGap)[];
  'realCount'?: (number);
  'sampled'?: (number);
  'outputs'?: ({[key: string]: string});
  '_auc'?: "auc";
  '_detectionScore'?: "detectionScore";
  '_cnnAuc'?: "cnnAuc";
  '_logisticAuc'?: "logisticAuc";
  '_seeds'?: "seeds";
  '_mmdPValue'?: "mmdPValue";
  '_depthMae'?: "depthMae";
  '_realCount'?: "realCount";
  '_sampled'?: "sampled";
}

export interface GapCheckResult__Output {
  'jobId': (string);
  'status': (string);
  'error': (string);
  'auc'?: (number);
  'detectionScore'?: (number);
  'cnnAuc'?: (number);
  'cnnAucCi95': (_synthflux_control_v1_Interval__Output | null);
  'logisticAuc'?: (number);
  'logisticAucCi95': (_synthflux_control_v1_Interval__Output | null);
  'seeds'?: (number);
  'mmdPValue'?: (number);
  'depthMae'?: (number);
  'labelPreservation': (_synthflux_control_v1_LabelPreservation__Output | null);
  'byClass': (_synthflux_control_v1_ClassGap__Output)[];
  'realCount'?: (number);
  'sampled'?: (number);
  'outputs': ({[key: string]: string});
  '_auc'?: "auc";
  '_detectionScore'?: "detectionScore";
  '_cnnAuc'?: "cnnAuc";
  '_logisticAuc'?: "logisticAuc";
  '_seeds'?: "seeds";
  '_mmdPValue'?: "mmdPValue";
  '_depthMae'?: "depthMae";
  '_realCount'?: "realCount";
  '_sampled'?: "sampled";
}
