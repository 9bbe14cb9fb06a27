// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto

import type { Campaign as _synthflux_subscriptions_v1_Campaign, Campaign__Output as _synthflux_subscriptions_v1_Campaign__Output } from '../../../synthflux/subscriptions/v1/Campaign';

export interface ListCampaignsResponse {
  'campaigns'?: (_synthflux_subscriptions_v1_Campaign)[];
  'nextPageToken'?: (string);
}

export interface ListCampaignsResponse__Output {
  'campaigns': (_synthflux_subscriptions_v1_Campaign__Output)[];
  'nextPageToken': (string);
}
