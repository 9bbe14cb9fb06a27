import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CampaignRequest as _synthflux_control_v1_CampaignRequest, CampaignRequest__Output as _synthflux_control_v1_CampaignRequest__Output } from './synthflux/control/v1/CampaignRequest';
import type { ControlClient as _synthflux_control_v1_ControlClient, ControlDefinition as _synthflux_control_v1_ControlDefinition } from './synthflux/control/v1/Control';
import type { ControlResponse as _synthflux_control_v1_ControlResponse, ControlResponse__Output as _synthflux_control_v1_ControlResponse__Output } from './synthflux/control/v1/ControlResponse';
import type { RetryFailedResponse as _synthflux_control_v1_RetryFailedResponse, RetryFailedResponse__Output as _synthflux_control_v1_RetryFailedResponse__Output } from './synthflux/control/v1/RetryFailedResponse';
import type { SetLimitsRequest as _synthflux_control_v1_SetLimitsRequest, SetLimitsRequest__Output as _synthflux_control_v1_SetLimitsRequest__Output } from './synthflux/control/v1/SetLimitsRequest';
import type { SubmitCampaignRequest as _synthflux_control_v1_SubmitCampaignRequest, SubmitCampaignRequest__Output as _synthflux_control_v1_SubmitCampaignRequest__Output } from './synthflux/control/v1/SubmitCampaignRequest';
import type { SubmitCampaignResponse as _synthflux_control_v1_SubmitCampaignResponse, SubmitCampaignResponse__Output as _synthflux_control_v1_SubmitCampaignResponse__Output } from './synthflux/control/v1/SubmitCampaignResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  synthflux: {
    control: {
      v1: {
        CampaignRequest: MessageTypeDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_CampaignRequest__Output>
        Control: SubtypeConstructor<typeof grpc.Client, _synthflux_control_v1_ControlClient> & { service: _synthflux_control_v1_ControlDefinition }
        ControlResponse: MessageTypeDefinition<_synthflux_control_v1_ControlResponse, _synthflux_control_v1_ControlResponse__Output>
        RetryFailedResponse: MessageTypeDefinition<_synthflux_control_v1_RetryFailedResponse, _synthflux_control_v1_RetryFailedResponse__Output>
        SetLimitsRequest: MessageTypeDefinition<_synthflux_control_v1_SetLimitsRequest, _synthflux_control_v1_SetLimitsRequest__Output>
        SubmitCampaignRequest: MessageTypeDefinition<_synthflux_control_v1_SubmitCampaignRequest, _synthflux_control_v1_SubmitCampaignRequest__Output>
        SubmitCampaignResponse: MessageTypeDefinition<_synthflux_control_v1_SubmitCampaignResponse, _synthflux_control_v1_SubmitCampaignResponse__Output>
      }
    }
  }
}

