// Runs a Python ML job (refiner training, gap check) as a Kubernetes Job (GPU node) instead of a
// local process: create or reuse the Job, poll it while heartbeating, delete it if the activity is cancelled.

import { ApplicationFailure, Context } from '@temporalio/activity';
import { BatchV1Api, type KubeConfig, type V1Job, type V1JobCondition } from '@kubernetes/client-node';
import { buildTrainingJob, WORKFLOW_ID_ANNOTATION, type TrainingJobSpecInput } from './kubernetes-job-spec';

export interface KubernetesJobRunnerOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  image: string;
  gpus: number;
  s3Secret: string;
  /** How often the Job's status is read (and the activity heartbeats); keep below the heartbeat timeout. */
  pollMs?: number;
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
  log?: (message: string) => void;
}

export type KubernetesJobRequest = Pick<TrainingJobSpecInput, 'workflowId' | 'step' | 'kind' | 'jobPrefix' | 'script' | 'traceparent'>;

export interface KubernetesJobResult {
  name: string;
  /** The Job already existed (an earlier attempt created it) and was not created again. */
  reused: boolean;
}

const statusCode = (err: unknown): number | undefined => (err as { code?: unknown } | null)?.code as number | undefined;

const condition = (job: V1Job, type: string): V1JobCondition | undefined => job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/**
 * Polls with GET rather than a watch: one request per interval is cheap for a job that runs for
 * minutes to hours, survives API server restarts without resync logic, and keeps the worker's
 * RBAC to create/get/delete on jobs.
 */
export class KubernetesJobRunner {
  private readonly batch: BatchV1Api;
  private readonly pollMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly opts: KubernetesJobRunnerOptions) {
    this.batch = opts.kubeConfig.makeApiClient(BatchV1Api);
    this.pollMs = opts.pollMs ?? 5000;
    this.log = opts.log ?? (() => undefined);
  }

  /** Resolves when the Job completes; rejects with its failure message, or a CancelledFailure. */
  async run(request: KubernetesJobRequest): Promise<KubernetesJobResult> {
    const ctx = Context.current();
    const body = buildTrainingJob({
      ...request,
      namespace: this.opts.namespace,
      image: this.opts.image,
      gpus: this.opts.gpus,
      s3Secret: this.opts.s3Secret,
      ...(this.opts.backoffLimit !== undefined ? { backoffLimit: this.opts.backoffLimit } : {}),
      ...(this.opts.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: this.opts.ttlSecondsAfterFinished } : {}),
    });
    const name = body.metadata!.name!;
    const reused = await this.createOrReuse(body, request.workflowId);
    ctx.heartbeat({ job: name, reused });
    try {
      await this.waitForCompletion(name, ctx);
    } catch (err) {
      if (ctx.cancellationSignal.aborted) await this.delete(name);
      throw err;
    }
    return { name, reused };
  }

  private async createOrReuse(body: V1Job, workflowId: string): Promise<boolean> {
    const namespace = this.opts.namespace;
    const name = body.metadata!.name!;
    try {
      await this.batch.createNamespacedJob({ namespace, body, fieldManager: 'synthflux-worker' });
      this.log(`created Job ${namespace}/${name}`);
      return false;
    } catch (err) {
      if (statusCode(err) !== 409) throw err;
    }
    const existing = await this.batch.readNamespacedJob({ name, namespace });
    // The hash in the name makes a clash unlikely, but running another workflow's model would be silent corruption.
    const owner = existing.metadata?.annotations?.[WORKFLOW_ID_ANNOTATION];
    if (owner !== workflowId) throw ApplicationFailure.nonRetryable(`Job ${namespace}/${name} belongs to workflow ${owner ?? '(none)'}, not ${workflowId}`, 'TrainingJobNameClash');
    // Being deleted (cancelled earlier, or its TTL ran out): retry once it is gone; a new Job is created then.
    if (existing.metadata?.deletionTimestamp) throw ApplicationFailure.retryable(`Job ${namespace}/${name} is being deleted`, 'TrainingJobDeleting');
    this.log(`reusing Job ${namespace}/${name}`);
    return true;
  }

  private async waitForCompletion(name: string, ctx: Context): Promise<void> {
    const namespace = this.opts.namespace;
    for (;;) {
      let job: V1Job;
      try {
        job = await this.batch.readNamespacedJob({ name, namespace });
      } catch (err) {
        // Deleted under us (by hand, or TTL): retryable, the next attempt creates it again.
        if (statusCode(err) === 404) throw ApplicationFailure.retryable(`Job ${namespace}/${name} disappeared before it finished`, 'TrainingJobGone');
        throw err;
      }
      if (condition(job, 'Complete')) return;
      const failed = condition(job, 'Failed');
      if (failed) {
        // Kubernetes already retried the pod backoffLimit times; another activity attempt would
        // find this same failed Job, so the failure is final.
        throw ApplicationFailure.nonRetryable(
          `Job ${namespace}/${name} failed (${failed.reason ?? 'no reason'}): ${failed.message ?? 'no message'}`,
          'TrainingJobFailed',
          { job: name, reason: failed.reason, message: failed.message, failedPods: job.status?.failed ?? 0 },
        );
      }
      ctx.heartbeat({ job: name, active: job.status?.active ?? 0, failedPods: job.status?.failed ?? 0 });
      // Rejects with CancelledFailure when the activity is cancelled.
      await ctx.sleep(this.pollMs);
    }
  }

  /** Background propagation: the Job goes now, its pods are garbage-collected after. */
  private async delete(name: string): Promise<void> {
    try {
      await this.batch.deleteNamespacedJob({ name, namespace: this.opts.namespace, propagationPolicy: 'Background' });
      this.log(`deleted Job ${this.opts.namespace}/${name} (activity cancelled)`);
    } catch (err) {
      if (statusCode(err) !== 404) this.log(`could not delete Job ${this.opts.namespace}/${name}: ${String(err)}`);
    }
  }
}
