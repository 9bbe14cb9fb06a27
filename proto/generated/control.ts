import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CampaignProgress as _synthflux_control_v1_CampaignProgress, CampaignProgress__Output as _synthflux_control_v1_CampaignProgress__Output } from './synthflux/control/v1/CampaignProgress';
import type { CampaignRequest as _synthflux_control_v1_CampaignRequest, CampaignRequest__Output as _synthflux_control_v1_CampaignRequest__Output } from './synthflux/control/v1/CampaignRequest';
import type { CampaignStatus as _synthflux_control_v1_CampaignStatus, CampaignStatus__Output as _synthflux_control_v1_CampaignStatus__Output } from './synthflux/control/v1/CampaignStatus';
import type { ClassGap as _synthflux_control_v1_ClassGap, ClassGap__Output as _synthflux_control_v1_ClassGap__Output } from './synthflux/control/v1/ClassGap';
import type { ControlClient as _synthflux_control_v1_ControlClient, ControlDefinition as _synthflux_control_v1_ControlDefinition } from './synthflux/control/v1/Control';
import type { ControlResponse as _synthflux_control_v1_ControlResponse, ControlResponse__Output as _synthflux_control_v1_ControlResponse__Output } from './synthflux/control/v1/ControlResponse';
import type { DatasetVerification as _synthflux_control_v1_DatasetVerification, DatasetVerification__Output as _synthflux_control_v1_DatasetVerification__Output } from './synthflux/control/v1/DatasetVerification';
import type { DefectClassCount as _synthflux_control_v1_DefectClassCount, DefectClassCount__Output as _synthflux_control_v1_DefectClassCount__Output } from './synthflux/control/v1/DefectClassCount';
import type { DefectClassQuota as _synthflux_control_v1_DefectClassQuota, DefectClassQuota__Output as _synthflux_control_v1_DefectClassQuota__Output } from './synthflux/control/v1/DefectClassQuota';
import type { FailedSimulation as _synthflux_control_v1_FailedSimulation, FailedSimulation__Output as _synthflux_control_v1_FailedSimulation__Output } from './synthflux/control/v1/FailedSimulation';
import type { FailureGroup as _synthflux_control_v1_FailureGroup, FailureGroup__Output as _synthflux_control_v1_FailureGroup__Output } from './synthflux/control/v1/FailureGroup';
import type { GapCheck as _synthflux_control_v1_GapCheck, GapCheck__Output as _synthflux_control_v1_GapCheck__Output } from './synthflux/control/v1/GapCheck';
import type { GapCheckResult as _synthflux_control_v1_GapCheckResult, GapCheckResult__Output as _synthflux_control_v1_GapCheckResult__Output } from './synthflux/control/v1/GapCheckResult';
import type { Interval as _synthflux_control_v1_Interval, Interval__Output as _synthflux_control_v1_Interval__Output } from './synthflux/control/v1/Interval';
import type { LabelPreservation as _synthflux_control_v1_LabelPreservation, LabelPreservation__Output as _synthflux_control_v1_LabelPreservation__Output } from './synthflux/control/v1/LabelPreservation';
import type { ListFailuresRequest as _synthflux_control_v1_ListFailuresRequest, ListFailuresRequest__Output as _synthflux_control_v1_ListFailuresRequest__Output } from './synthflux/control/v1/ListFailuresRequest';
import type { ListFailuresResponse as _synthflux_control_v1_ListFailuresResponse, ListFailuresResponse__Output as _synthflux_control_v1_ListFailuresResponse__Output } from './synthflux/control/v1/ListFailuresResponse';
import type { Refinement as _synthflux_control_v1_Refinement, Refinement__Output as _synthflux_control_v1_Refinement__Output } from './synthflux/control/v1/Refinement';
import type { RefinementStatus as _synthflux_control_v1_RefinementStatus, RefinementStatus__Output as _synthflux_control_v1_RefinementStatus__Output } from './synthflux/control/v1/RefinementStatus';
import type { RefinerTraining as _synthflux_control_v1_RefinerTraining, RefinerTraining__Output as _synthflux_control_v1_RefinerTraining__Output } from './synthflux/control/v1/RefinerTraining';
import type { RefiningJob as _synthflux_control_v1_RefiningJob, RefiningJob__Output as _synthflux_control_v1_RefiningJob__Output } from './synthflux/control/v1/RefiningJob';
import type { RetryFailedResponse as _synthflux_control_v1_RetryFailedResponse, RetryFailedResponse__Output as _synthflux_control_v1_RetryFailedResponse__Output } from './synthflux/control/v1/RetryFailedResponse';
import type { SetLimitsRequest as _synthflux_control_v1_SetLimitsRequest, SetLimitsRequest__Output as _synthflux_control_v1_SetLimitsRequest__Output } from './synthflux/control/v1/SetLimitsRequest';
import type { Spread as _synthflux_control_v1_Spread, Spread__Output as _synthflux_control_v1_Spread__Output } from './synthflux/control/v1/Spread';
import type { SubmitCampaignRequest as _synthflux_control_v1_SubmitCampaignRequest, SubmitCampaignRequest__Output as _synthflux_control_v1_SubmitCampaignRequest__Output } from './synthflux/control/v1/SubmitCampaignRequest';
import type { SubmitCampaignResponse as _synthflux_control_v1_SubmitCampaignResponse, SubmitCampaignResponse__Output as _synthflux_control_v1_SubmitCampaignResponse__Output } from './synthflux/control/v1/SubmitCampaignResponse';
import type { VerificationFailure as _synthflux_control_v1_VerificationFailure, VerificationFailure__Output as _synthflux_control_v1_VerificationFailure__Output } from './synthflux/control/v1/VerificationFailure';
import type { VerificationStatus as _synthflux_control_v1_VerificationStatus, VerificationStatus__Output as _synthflux_control_v1_VerificationStatus__Output } from './synthflux/control/v1/VerificationStatus';
import type { WorkflowFailure as _synthflux_control_v1_WorkflowFailure, WorkflowFailure__Output as _synthflux_control_v1_WorkflowFailure__Output } from './synthflux/control/v1/WorkflowFailure';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  synthflux: {
    control: {
      v1: {
        CampaignProgress: MessageTypeDefinition<_synthflux_control_v1_CampaignProgress, _synthflux_control_v1_CampaignProgress__Output>
        CampaignRequest: MessageTypeDefinition<_synthflux_control_v1_CampaignRequest, _synthflux_control_v1_CampaignRequest__Output>
        CampaignStatus: MessageTypeDefinition<_synthflux_control_v1_CampaignStatus, _synthflux_control_v1_CampaignStatus__Output>
        ClassGap: MessageTypeDefinition<_synthflux_control_v1_ClassGap, _synthflux_control_v1_ClassGap__Output>
        Control: SubtypeConstructor<typeof grpc.Client, _synthflux_control_v1_ControlClient> & { service: _synthflux_control_v1_ControlDefinition }
        ControlResponse: MessageTypeDefinition<_synthflux_control_v1_ControlResponse, _synthflux_control_v1_ControlResponse__Output>
        DatasetVerification: MessageTypeDefinition<_synthflux_control_v1_DatasetVerification, _synthflux_control_v1_DatasetVerification__Output>
        DefectClassCount: MessageTypeDefinition<_synthflux_control_v1_DefectClassCount, _synthflux_control_v1_DefectClassCount__Output>
        DefectClassQuota: MessageTypeDefinition<_synthflux_control_v1_DefectClassQuota, _synthflux_control_v1_DefectClassQuota__Output>
        FailedSimulation: MessageTypeDefinition<_synthflux_control_v1_FailedSimulation, _synthflux_control_v1_FailedSimulation__Output>
        FailureGroup: MessageTypeDefinition<_synthflux_control_v1_FailureGroup, _synthflux_control_v1_FailureGroup__Output>
        GapCheck: MessageTypeDefinition<_synthflux_control_v1_GapCheck, _synthflux_control_v1_GapCheck__Output>
        GapCheckResult: MessageTypeDefinition<_synthflux_control_v1_GapCheckResult, _synthflux_control_v1_GapCheckResult__Output>
        Interval: MessageTypeDefinition<_synthflux_control_v1_Interval, _synthflux_control_v1_Interval__Output>
        LabelPreservation: MessageTypeDefinition<_synthflux_control_v1_LabelPreservation, _synthflux_control_v1_LabelPreservation__Output>
        ListFailuresRequest: MessageTypeDefinition<_synthflux_control_v1_ListFailuresRequest, _synthflux_control_v1_ListFailuresRequest__Output>
        ListFailuresResponse: MessageTypeDefinition<_synthflux_control_v1_ListFailuresResponse, _synthflux_control_v1_ListFailuresResponse__Output>
        Refinement: MessageTypeDefinition<_synthflux_control_v1_Refinement, _synthflux_control_v1_Refinement__Output>
        RefinementStatus: MessageTypeDefinition<_synthflux_control_v1_RefinementStatus, _synthflux_control_v1_RefinementStatus__Output>
        RefinerTraining: MessageTypeDefinition<_synthflux_control_v1_RefinerTraining, _synthflux_control_v1_RefinerTraining__Output>
        RefiningJob: MessageTypeDefinition<_synthflux_control_v1_RefiningJob, _synthflux_control_v1_RefiningJob__Output>
        RetryFailedResponse: MessageTypeDefinition<_synthflux_control_v1_RetryFailedResponse, _synthflux_control_v1_RetryFailedResponse__Output>
        SetLimitsRequest: MessageTypeDefinition<_synthflux_control_v1_SetLimitsRequest, _synthflux_control_v1_SetLimitsRequest__Output>
        Spread: MessageTypeDefinition<_synthflux_control_v1_Spread, _synthflux_control_v1_Spread__Output>
        SubmitCampaignRequest: MessageTypeDefinition<_synthflux_control_v1_SubmitCampaignRequest, _synthflux_control_v1_SubmitCampaignRequest__Output>
        SubmitCampaignResponse: MessageTypeDefinition<_synthflux_control_v1_SubmitCampaignResponse, _synthflux_control_v1_SubmitCampaignResponse__Output>
        VerificationFailure: MessageTypeDefinition<_synthflux_control_v1_VerificationFailure, _synthflux_control_v1_VerificationFailure__Output>
        VerificationStatus: MessageTypeDefinition<_synthflux_control_v1_VerificationStatus, _synthflux_control_v1_VerificationStatus__Output>
        WorkflowFailure: MessageTypeDefinition<_synthflux_control_v1_WorkflowFailure, _synthflux_control_v1_WorkflowFailure__Output>
      }
    }
  }
}

