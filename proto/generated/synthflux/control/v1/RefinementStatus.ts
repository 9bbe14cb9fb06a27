// Original file: proto/synthflux/control/v1/control.proto

import type { GapCheck as _synthflux_control_v1_GapCheck, GapCheck__Output as _synthflux_control_v1_GapCheck__Output } from '../../../synthflux/control/v1/GapCheck';

export interface RefinementStatus {
  'workflowId'?: (string);
  'status'?: (string);
  'phase'?: (string);
  'totalBatches'?: (number);
  'refinedBatches'?: (number);
  'batchesInFlight'?: (number);
  'raw'?: (_synthflux_control_v1_GapCheck | null);
  'refined'?: (_synthflux_control_v1_GapCheck | null);
}

export interface RefinementStatus__Output {
  'workflowId': (string);
  'status': (string);
  'phase': (string);
  'totalBatches': (number);
  'refinedBatches': (number);
  'batchesInFlight': (number);
  'raw': (_synthflux_control_v1_GapCheck__Output | null);
  'refined': (_synthflux_control_v1_GapCheck__Output | null);
}
