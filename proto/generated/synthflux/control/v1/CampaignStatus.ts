// Original file: proto/synthflux/control/v1/control.proto

import type { CampaignProgress as _synthflux_control_v1_CampaignProgress, CampaignProgress__Output as _synthflux_control_v1_CampaignProgress__Output } from '../../../synthflux/control/v1/CampaignProgress';
import type { WorkflowFailure as _synthflux_control_v1_WorkflowFailure, WorkflowFailure__Output as _synthflux_control_v1_WorkflowFailure__Output } from '../../../synthflux/control/v1/WorkflowFailure';
import type { RefinementStatus as _synthflux_control_v1_RefinementStatus, RefinementStatus__Output as _synthflux_control_v1_RefinementStatus__Output } from '../../../synthflux/control/v1/RefinementStatus';
import type { VerificationStatus as _synthflux_control_v1_VerificationStatus, VerificationStatus__Output as _synthflux_control_v1_VerificationStatus__Output } from '../../../synthflux/control/v1/VerificationStatus';
import type { DefectClassCount as _synthflux_control_v1_DefectClassCount, DefectClassCount__Output as _synthflux_control_v1_DefectClassCount__Output } from '../../../synthflux/control/v1/DefectClassCount';
import type { DefectClassQuota as _synthflux_control_v1_DefectClassQuota, DefectClassQuota__Output as _synthflux_control_v1_DefectClassQuota__Output } from '../../../synthflux/control/v1/DefectClassQuota';
import type { Refinement as _synthflux_control_v1_Refinement, Refinement__Output as _synthflux_control_v1_Refinement__Output } from '../../../synthflux/control/v1/Refinement';

export interface CampaignStatus {
  'campaignId'?: (string);
  'name'?: (string);
  'state'?: (string);
  'workflowId'?: (string);
  'workflowStatus'?: (string);
  'total'?: (number);
  'succeeded'?: (number);
  'failed'?: (number);
  'cached'?: (number);
  'coreHours'?: (number | string);
  'batchesDone'?: (number);
  'batchesTotal'?: (number);
  'percent'?: (number | string);
  'datasetUrl'?: (string);
  'createdAt'?: (string);
  'completedAt'?: (string);
  'owner'?: (string);
  'progress'?: (_synthflux_control_v1_CampaignProgress | null);
  'failure'?: (_synthflux_control_v1_WorkflowFailure | null);
  'refinement'?: (_synthflux_control_v1_RefinementStatus | null);
  'verification'?: (_synthflux_control_v1_VerificationStatus | null);
  'defectClasses'?: (_synthflux_control_v1_DefectClassCount)[];
  'defectClassQuotas'?: (_synthflux_control_v1_DefectClassQuota)[];
  'refinements'?: (_synthflux_control_v1_Refinement)[];
}

export interface CampaignStatus__Output {
  'campaignId': (string);
  'name': (string);
  'state': (string);
  'workflowId': (string);
  'workflowStatus': (string);
  'total': (number);
  'succeeded': (number);
  'failed': (number);
  'cached': (number);
  'coreHours': (number);
  'batchesDone': (number);
  'batchesTotal': (number);
  'percent': (number);
  'datasetUrl': (string);
  'createdAt': (string);
  'completedAt': (string);
  'owner': (string);
  'progress': (_synthflux_control_v1_CampaignProgress__Output | null);
  'failure': (_synthflux_control_v1_WorkflowFailure__Output | null);
  'refinement': (_synthflux_control_v1_RefinementStatus__Output | null);
  'verification': (_synthflux_control_v1_VerificationStatus__Output | null);
  'defectClasses': (_synthflux_control_v1_DefectClassCount__Output)[];
  'defectClassQuotas': (_synthflux_control_v1_DefectClassQuota__Output)[];
  'refinements': (_synthflux_control_v1_Refinement__Output)[];
}
