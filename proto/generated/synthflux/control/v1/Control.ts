// Original file: proto/synthflux/control/v1/control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CampaignRequest as _synthflux_control_v1_CampaignRequest, CampaignRequest__Output as _synthflux_control_v1_CampaignRequest__Output } from '../../../synthflux/control/v1/CampaignRequest';
import type { CampaignStatus as _synthflux_control_v1_CampaignStatus, CampaignStatus__Output as _synthflux_control_v1_CampaignStatus__Output } from '../../../synthflux/control/v1/CampaignStatus';
import type { ControlResponse as _synthflux_control_v1_ControlResponse, ControlResponse__Output as _synthflux_control_v1_ControlResponse__Output } from '../../../synthflux/control/v1/ControlResponse';
import type { DatasetVerification as _synthflux_control_v1_DatasetVerification, DatasetVerification__Output as _synthflux_control_v1_DatasetVerification__Output } from '../../../synthflux/control/v1/DatasetVerification';
import type { ListFailuresRequest as _synthflux_control_v1_ListFailuresRequest, ListFailuresRequest__Output as _synthflux_control_v1_ListFailuresRequest__Output } from '../../../synthflux/control/v1/ListFailuresRequest';
import type { ListFailuresResponse as _synthflux_control_v1_ListFailuresResponse, ListFailuresResponse__Output as _synthflux_control_v1_ListFailuresResponse__Output } from '../../../synthflux/control/v1/ListFailuresResponse';
import type { RetryFailedResponse as _synthflux_control_v1_RetryFailedResponse, RetryFailedResponse__Output as _synthflux_control_v1_RetryFailedResponse__Output } from '../../../synthflux/control/v1/RetryFailedResponse';
import type { SetLimitsRequest as _synthflux_control_v1_SetLimitsRequest, SetLimitsRequest__Output as _synthflux_control_v1_SetLimitsRequest__Output } from '../../../synthflux/control/v1/SetLimitsRequest';
import type { SubmitCampaignRequest as _synthflux_control_v1_SubmitCampaignRequest, SubmitCampaignRequest__Output as _synthflux_control_v1_SubmitCampaignRequest__Output } from '../../../synthflux/control/v1/SubmitCampaignRequest';
import type { SubmitCampaignResponse as _synthflux_control_v1_SubmitCampaignResponse, SubmitCampaignResponse__Output as _synthflux_control_v1_SubmitCampaignResponse__Output } from '../../../synthflux/control/v1/SubmitCampaignResponse';

export interface ControlClient extends grpc.Client {
  CancelCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  CancelCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  CancelCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  CancelCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  cancelCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  cancelCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  cancelCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  cancelCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  
  GetCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  GetCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  GetCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  GetCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  getCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  getCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  getCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  getCampaignStatus(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_CampaignStatus__Output>): grpc.ClientUnaryCall;
  
  ListFailures(argument: _synthflux_control_v1_ListFailuresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  ListFailures(argument: _synthflux_control_v1_ListFailuresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  ListFailures(argument: _synthflux_control_v1_ListFailuresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  ListFailures(argument: _synthflux_control_v1_ListFailuresRequest, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  listFailures(argument: _synthflux_control_v1_ListFailuresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  listFailures(argument: _synthflux_control_v1_ListFailuresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  listFailures(argument: _synthflux_control_v1_ListFailuresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  listFailures(argument: _synthflux_control_v1_ListFailuresRequest, callback: grpc.requestCallback<_synthflux_control_v1_ListFailuresResponse__Output>): grpc.ClientUnaryCall;
  
  PauseCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  PauseCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  pauseCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  ResumeCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  ResumeCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  ResumeCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  resumeCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  resumeCampaign(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  resumeCampaign(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  resumeCampaign(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  
  RetryFailed(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  RetryFailed(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  RetryFailed(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  RetryFailed(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  retryFailed(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  retryFailed(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  retryFailed(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  retryFailed(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_RetryFailedResponse__Output>): grpc.ClientUnaryCall;
  
  SetLimits(argument: _synthflux_control_v1_SetLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  SetLimits(argument: _synthflux_control_v1_SetLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  SetLimits(argument: _synthflux_control_v1_SetLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  SetLimits(argument: _synthflux_control_v1_SetLimitsRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  setLimits(argument: _synthflux_control_v1_SetLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  setLimits(argument: _synthflux_control_v1_SetLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  setLimits(argument: _synthflux_control_v1_SetLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  setLimits(argument: _synthflux_control_v1_SetLimitsRequest, callback: grpc.requestCallback<_synthflux_control_v1_ControlResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  SubmitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  SubmitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  SubmitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  submitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  submitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  submitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  submitCampaign(argument: _synthflux_control_v1_SubmitCampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_SubmitCampaignResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyDataset(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  VerifyDataset(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  VerifyDataset(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  VerifyDataset(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  verifyDataset(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  verifyDataset(argument: _synthflux_control_v1_CampaignRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  verifyDataset(argument: _synthflux_control_v1_CampaignRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  verifyDataset(argument: _synthflux_control_v1_CampaignRequest, callback: grpc.requestCallback<_synthflux_control_v1_DatasetVerification__Output>): grpc.ClientUnaryCall;
  
}

export interface ControlHandlers extends grpc.UntypedServiceImplementation {
  CancelCampaign: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse>;
  
  GetCampaignStatus: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_CampaignStatus>;
  
  ListFailures: grpc.handleUnaryCall<_synthflux_control_v1_ListFailuresRequest__Output, _synthflux_control_v1_ListFailuresResponse>;
  
  PauseCampaign: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse>;
  
  ResumeCampaign: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse>;
  
  RetryFailed: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_RetryFailedResponse>;
  
  SetLimits: grpc.handleUnaryCall<_synthflux_control_v1_SetLimitsRequest__Output, _synthflux_control_v1_ControlResponse>;
  
  SubmitCampaign: grpc.handleUnaryCall<_synthflux_control_v1_SubmitCampaignRequest__Output, _synthflux_control_v1_SubmitCampaignResponse>;
  
  VerifyDataset: grpc.handleUnaryCall<_synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_DatasetVerification>;
  
}

export interface ControlDefinition extends grpc.ServiceDefinition {
  CancelCampaign: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_ControlResponse, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse__Output>
  GetCampaignStatus: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_CampaignStatus, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_CampaignStatus__Output>
  ListFailures: MethodDefinition<_synthflux_control_v1_ListFailuresRequest, _synthflux_control_v1_ListFailuresResponse, _synthflux_control_v1_ListFailuresRequest__Output, _synthflux_control_v1_ListFailuresResponse__Output>
  PauseCampaign: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_ControlResponse, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse__Output>
  ResumeCampaign: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_ControlResponse, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_ControlResponse__Output>
  RetryFailed: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_RetryFailedResponse, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_RetryFailedResponse__Output>
  SetLimits: MethodDefinition<_synthflux_control_v1_SetLimitsRequest, _synthflux_control_v1_ControlResponse, _synthflux_control_v1_SetLimitsRequest__Output, _synthflux_control_v1_ControlResponse__Output>
  SubmitCampaign: MethodDefinition<_synthflux_control_v1_SubmitCampaignRequest, _synthflux_control_v1_SubmitCampaignResponse, _synthflux_control_v1_SubmitCampaignRequest__Output, _synthflux_control_v1_SubmitCampaignResponse__Output>
  VerifyDataset: MethodDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_DatasetVerification, _synthflux_control_v1_CampaignRequest__Output, _synthflux_control_v1_DatasetVerification__Output>
}
