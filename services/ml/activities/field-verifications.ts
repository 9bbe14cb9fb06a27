import { ApplicationFailure } from '@temporalio/activity';
import type { VerificationPairs } from '../verification-inputs';
import { runJob, type MlDeps } from './context';
import { runKubernetesMlJob, type KubernetesMlJobRequest } from './kubernetes-training';

/** A field verification campaign's pairs, through the loader the worker wires in. */
export async function loadPairs(deps: MlDeps, campaignId: string): Promise<VerificationPairs> {
  if (!deps.loadVerificationPairs) {
    throw ApplicationFailure.nonRetryable(`this worker cannot read field verifications (MlDeps.loadVerificationPairs); campaign ${campaignId} needs them`, 'FieldVerificationsUnavailable');
  }
  return deps.loadVerificationPairs(campaignId);
}

/** Runs a Python job where the configuration says: a Kubernetes Job, or a local process. */
export async function kubernetesOrLocal(deps: MlDeps, runner: 'local' | 'kubernetes', job: KubernetesMlJobRequest): Promise<void> {
  if (runner === 'kubernetes') await runKubernetesMlJob(deps, job);
  else await runJob(deps, job.script, job.dir);
}
