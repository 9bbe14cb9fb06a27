// Original file: proto/synthflux/subscriptions/v1/subscriptions.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BatchEvent as _synthflux_subscriptions_v1_BatchEvent, BatchEvent__Output as _synthflux_subscriptions_v1_BatchEvent__Output } from '../../../synthflux/subscriptions/v1/BatchEvent';
import type { Campaign as _synthflux_subscriptions_v1_Campaign, Campaign__Output as _synthflux_subscriptions_v1_Campaign__Output } from '../../../synthflux/subscriptions/v1/Campaign';
import type { Dataset as _synthflux_subscriptions_v1_Dataset, Dataset__Output as _synthflux_subscriptions_v1_Dataset__Output } from '../../../synthflux/subscriptions/v1/Dataset';
import type { GetCampaignRequest as _synthflux_subscriptions_v1_GetCampaignRequest, GetCampaignRequest__Output as _synthflux_subscriptions_v1_GetCampaignRequest__Output } from '../../../synthflux/subscriptions/v1/GetCampaignRequest';
import type { GetDatasetRequest as _synthflux_subscriptions_v1_GetDatasetRequest, GetDatasetRequest__Output as _synthflux_subscriptions_v1_GetDatasetRequest__Output } from '../../../synthflux/subscriptions/v1/GetDatasetRequest';
import type { ListCampaignsRequest as _synthflux_subscriptions_v1_ListCampaignsRequest, ListCampaignsRequest__Output as _synthflux_subscriptions_v1_ListCampaignsRequest__Output } from '../../../synthflux/subscriptions/v1/ListCampaignsRequest';
import type { ListCampaignsResponse as _synthflux_subscriptions_v1_ListCampaignsResponse, ListCampaignsResponse__Output as _synthflux_subscriptions_v1_ListCampaignsResponse__Output } from '../../../synthflux/subscriptions/v1/ListCampaignsResponse';
import type { WatchBatchesRequest as _synthflux_subscriptions_v1_WatchBatchesRequest, WatchBatchesRequest__Output as _synthflux_subscriptions_v1_WatchBatchesRequest__Output } from '../../../synthflux/subscriptions/v1/WatchBatchesRequest';

export interface SubscriptionsClient extends grpc.Client {
  GetCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  GetCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  GetCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  GetCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  getCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  getCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  getCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  getCampaign(argument: _synthflux_subscriptions_v1_GetCampaignRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Campaign__Output>): grpc.ClientUnaryCall;
  
  GetDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _synthflux_subscriptions_v1_GetDatasetRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_Dataset__Output>): grpc.ClientUnaryCall;
  
  ListCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  ListCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  ListCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  ListCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  listCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  listCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  listCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  listCampaigns(argument: _synthflux_subscriptions_v1_ListCampaignsRequest, callback: grpc.requestCallback<_synthflux_subscriptions_v1_ListCampaignsResponse__Output>): grpc.ClientUnaryCall;
  
  WatchBatches(argument: _synthflux_subscriptions_v1_WatchBatchesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_synthflux_subscriptions_v1_BatchEvent__Output>;
  WatchBatches(argument: _synthflux_subscriptions_v1_WatchBatchesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_synthflux_subscriptions_v1_BatchEvent__Output>;
  watchBatches(argument: _synthflux_subscriptions_v1_WatchBatchesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_synthflux_subscriptions_v1_BatchEvent__Output>;
  watchBatches(argument: _synthflux_subscriptions_v1_WatchBatchesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_synthflux_subscriptions_v1_BatchEvent__Output>;
  
}

export interface SubscriptionsHandlers extends grpc.UntypedServiceImplementation {
  GetCampaign: grpc.handleUnaryCall<_synthflux_subscriptions_v1_GetCampaignRequest__Output, _synthflux_subscriptions_v1_Campaign>;
  
  GetDataset: grpc.handleUnaryCall<_synthflux_subscriptions_v1_GetDatasetRequest__Output, _synthflux_subscriptions_v1_Dataset>;
  
  ListCampaigns: grpc.handleUnaryCall<_synthflux_subscriptions_v1_ListCampaignsRequest__Output, _synthflux_subscriptions_v1_ListCampaignsResponse>;
  
  WatchBatches: grpc.handleServerStreamingCall<_synthflux_subscriptions_v1_WatchBatchesRequest__Output, _synthflux_subscriptions_v1_BatchEvent>;
  
}

export interface SubscriptionsDefinition extends grpc.ServiceDefinition {
  GetCampaign: MethodDefinition<_synthflux_subscriptions_v1_GetCampaignRequest, _synthflux_subscriptions_v1_Campaign, _synthflux_subscriptions_v1_GetCampaignRequest__Output, _synthflux_subscriptions_v1_Campaign__Output>
  GetDataset: MethodDefinition<_synthflux_subscriptions_v1_GetDatasetRequest, _synthflux_subscriptions_v1_Dataset, _synthflux_subscriptions_v1_GetDatasetRequest__Output, _synthflux_subscriptions_v1_Dataset__Output>
  ListCampaigns: MethodDefinition<_synthflux_subscriptions_v1_ListCampaignsRequest, _synthflux_subscriptions_v1_ListCampaignsResponse, _synthflux_subscriptions_v1_ListCampaignsRequest__Output, _synthflux_subscriptions_v1_ListCampaignsResponse__Output>
  WatchBatches: MethodDefinition<_synthflux_subscriptions_v1_WatchBatchesRequest, _synthflux_subscriptions_v1_BatchEvent, _synthflux_subscriptions_v1_WatchBatchesRequest__Output, _synthflux_subscriptions_v1_BatchEvent__Output>
}
