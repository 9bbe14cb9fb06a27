import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BatchEvent as _synthflux_subscriptions_v1_BatchEvent, BatchEvent__Output as _synthflux_subscriptions_v1_BatchEvent__Output } from './synthflux/subscriptions/v1/BatchEvent';
import type { BatchFilter as _synthflux_subscriptions_v1_BatchFilter, BatchFilter__Output as _synthflux_subscriptions_v1_BatchFilter__Output } from './synthflux/subscriptions/v1/BatchFilter';
import type { Campaign as _synthflux_subscriptions_v1_Campaign, Campaign__Output as _synthflux_subscriptions_v1_Campaign__Output } from './synthflux/subscriptions/v1/Campaign';
import type { Dataset as _synthflux_subscriptions_v1_Dataset, Dataset__Output as _synthflux_subscriptions_v1_Dataset__Output } from './synthflux/subscriptions/v1/Dataset';
import type { GetCampaignRequest as _synthflux_subscriptions_v1_GetCampaignRequest, GetCampaignRequest__Output as _synthflux_subscriptions_v1_GetCampaignRequest__Output } from './synthflux/subscriptions/v1/GetCampaignRequest';
import type { GetDatasetRequest as _synthflux_subscriptions_v1_GetDatasetRequest, GetDatasetRequest__Output as _synthflux_subscriptions_v1_GetDatasetRequest__Output } from './synthflux/subscriptions/v1/GetDatasetRequest';
import type { ListCampaignsRequest as _synthflux_subscriptions_v1_ListCampaignsRequest, ListCampaignsRequest__Output as _synthflux_subscriptions_v1_ListCampaignsRequest__Output } from './synthflux/subscriptions/v1/ListCampaignsRequest';
import type { ListCampaignsResponse as _synthflux_subscriptions_v1_ListCampaignsResponse, ListCampaignsResponse__Output as _synthflux_subscriptions_v1_ListCampaignsResponse__Output } from './synthflux/subscriptions/v1/ListCampaignsResponse';
import type { SubscriptionsClient as _synthflux_subscriptions_v1_SubscriptionsClient, SubscriptionsDefinition as _synthflux_subscriptions_v1_SubscriptionsDefinition } from './synthflux/subscriptions/v1/Subscriptions';
import type { WatchBatchesRequest as _synthflux_subscriptions_v1_WatchBatchesRequest, WatchBatchesRequest__Output as _synthflux_subscriptions_v1_WatchBatchesRequest__Output } from './synthflux/subscriptions/v1/WatchBatchesRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  synthflux: {
    subscriptions: {
      v1: {
        BatchEvent: MessageTypeDefinition<_synthflux_subscriptions_v1_BatchEvent, _synthflux_subscriptions_v1_BatchEvent__Output>
        BatchFilter: MessageTypeDefinition<_synthflux_subscriptions_v1_BatchFilter, _synthflux_subscriptions_v1_BatchFilter__Output>
        Campaign: MessageTypeDefinition<_synthflux_subscriptions_v1_Campaign, _synthflux_subscriptions_v1_Campaign__Output>
        Dataset: MessageTypeDefinition<_synthflux_subscriptions_v1_Dataset, _synthflux_subscriptions_v1_Dataset__Output>
        GetCampaignRequest: MessageTypeDefinition<_synthflux_subscriptions_v1_GetCampaignRequest, _synthflux_subscriptions_v1_GetCampaignRequest__Output>
        GetDatasetRequest: MessageTypeDefinition<_synthflux_subscriptions_v1_GetDatasetRequest, _synthflux_subscriptions_v1_GetDatasetRequest__Output>
        ListCampaignsRequest: MessageTypeDefinition<_synthflux_subscriptions_v1_ListCampaignsRequest, _synthflux_subscriptions_v1_ListCampaignsRequest__Output>
        ListCampaignsResponse: MessageTypeDefinition<_synthflux_subscriptions_v1_ListCampaignsResponse, _synthflux_subscriptions_v1_ListCampaignsResponse__Output>
        Subscriptions: SubtypeConstructor<typeof grpc.Client, _synthflux_subscriptions_v1_SubscriptionsClient> & { service: _synthflux_subscriptions_v1_SubscriptionsDefinition }
        WatchBatchesRequest: MessageTypeDefinition<_synthflux_subscriptions_v1_WatchBatchesRequest, _synthflux_subscriptions_v1_WatchBatchesRequest__Output>
      }
    }
  }
}

