// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto

import type { BatchFilter as _synthflux_subscriptions_v1_BatchFilter, BatchFilter__Output as _synthflux_subscriptions_v1_BatchFilter__Output } from '../../../synthflux/subscriptions/v1/BatchFilter';

export interface WatchBatchesRequest {
  'filter'?: (_synthflux_subscriptions_v1_BatchFilter | null);
  'afterCursor'?: (string);
}

export interface WatchBatchesRequest__Output {
  'filter': (_synthflux_subscriptions_v1_BatchFilter__Output | null);
  'afterCursor': (string);
}
