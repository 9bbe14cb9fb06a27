// Refiner training as a Kubernetes Job, run as the worker's service account against the real
// API server. No controller-manager runs here, so the test plays the Job controller: it writes
// the Job's status subresource (Complete or Failed) the way the controller would.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BatchV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy, type V1Job, type V1JobStatus } from '@kubernetes/client-node';
import { CancelledFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { parse } from 'yaml';
import { buildTrainingJob, trainingJobName } from '../../../services/ml/kubernetes-job-spec';
import { KubernetesJobRunner, type KubernetesJobRequest } from '../../../services/ml/kubernetes-job';
import { applyDevOverlay, DEV_NAMESPACE, type DevCluster } from '../../kube/fixture';
import { poll } from '../harness';

const ns = DEV_NAMESPACE;
const selector = 'app.kubernetes.io/component=refiner-training';
const templateFile = path.resolve(__dirname, '../../../k8s/ml/refiner-training-job.yaml');

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
// What the Job controller writes; the API server (1.31+) insists on the interim condition
// (SuccessCriteriaMet / FailureTarget) before the terminal one.
const completeStatus = (): V1JobStatus =>
  ({
    startTime: now(), completionTime: now(), succeeded: 1,
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastTransitionTime: now() },
      { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastTransitionTime: now() },
    ],
  }) as unknown as V1JobStatus;
const failedStatus = (message: string): V1JobStatus =>
  ({
    startTime: now(), failed: 3,
    conditions: [
      { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message, lastTransitionTime: now() },
      { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message, lastTransitionTime: now() },
    ],
  }) as unknown as V1JobStatus;

describe('refiner training as a Kubernetes Job', () => {
  let cluster: DevCluster;
  let admin: BatchV1Api;
  let runner: KubernetesJobRunner;

  const request = (): KubernetesJobRequest => ({ workflowId: `refine-${randomUUID()}`, step: 'train', script: 'refine_train.py', jobPrefix: 'synthflux/campaigns/c1/ml/j1' });
  const jobs = async (): Promise<V1Job[]> => (await admin.listNamespacedJob({ namespace: ns, labelSelector: selector })).items;
  const waitForJob = async (name: string): Promise<V1Job> => {
    let found: V1Job | undefined;
    await poll({ label: `Job ${name} created`, timeoutMs: 10_000, shouldStop: async () => Boolean((found = (await jobs()).find((j) => j.metadata?.name === name))) });
    return found!;
  };
  const setStatus = (name: string, status: V1JobStatus): Promise<V1Job> =>
    admin.patchNamespacedJobStatus({ name, namespace: ns, body: [{ op: 'add', path: '/status', value: status }] });

  beforeAll(async () => {
    cluster = await applyDevOverlay();
    admin = cluster.admin.makeApiClient(BatchV1Api);
    await admin.deleteCollectionNamespacedJob({ namespace: ns, labelSelector: selector });
  });
  beforeEach(() => {
    // As the worker: RBAC (k8s/base/worker-rbac.yaml) must allow everything the runner does.
    runner = new KubernetesJobRunner({ kubeConfig: cluster.worker, namespace: ns, image: 'localhost:5000/synthflux/ml:dev', gpus: 1, s3Secret: 'synthflux-s3', pollMs: 50 });
  });
  afterAll(async () => {
    await admin.deleteCollectionNamespacedJob({ namespace: ns, labelSelector: selector });
  });

  it('creates the GPU Job, resolves when it completes and reuses it on a retry', async () => {
    const req = request();
    const name = trainingJobName(req.workflowId, req.step);
    const env = new MockActivityEnvironment({ attempt: 1 });
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => heartbeats.push(d));
    const running = env.run(() => runner.run(req));

    const job = await waitForJob(name);
    const pod = job.spec!.template.spec!;
    const train = pod.containers.find((c) => c.name === 'train')!;
    expect(train.image).toBe('localhost:5000/synthflux/ml:dev');
    expect(train.args).toEqual(['refine_train.py', '/work/job.json']);
    expect(train.resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(train.resources?.requests?.['nvidia.com/gpu']).toBe('1');
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    for (const c of [...pod.initContainers!, pod.containers.find((x) => x.name === 'upload-outputs')!]) {
      expect(c.env?.find((e) => e.name === 'JOB_PREFIX')?.value).toBe('synthflux/campaigns/c1/ml/j1');
      // Credentials by reference only: no secret value in the Job.
      expect(c.envFrom).toEqual([{ secretRef: { name: 'synthflux-s3' } }]);
      expect(c.env?.some((e) => /KEY/.test(e.name))).toBe(false);
    }
    expect(job.spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(job.spec?.backoffLimit).toBe(2);

    await setStatus(name, completeStatus());
    await expect(running).resolves.toEqual({ name, reused: false });
    expect(heartbeats.length).toBeGreaterThan(0);

    // A retried activity (same workflow and step) finds the finished Job instead of training again.
    await expect(new MockActivityEnvironment({ attempt: 2 }).run(() => runner.run(req))).resolves.toEqual({ name, reused: true });
    expect((await jobs()).filter((j) => j.metadata?.name === name)).toHaveLength(1);
  });

  it('reuses a Job still running when the activity is retried, and waits for it', async () => {
    const req = request();
    const name = trainingJobName(req.workflowId, req.step);
    const first = new MockActivityEnvironment({ attempt: 1 });
    const firstRun = first.run(() => runner.run(req));
    await waitForJob(name);
    // A second worker picks up the retry while the first attempt's Job runs on.
    const second = new MockActivityEnvironment({ attempt: 2 }).run(() => runner.run(req));
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobs()).filter((j) => j.metadata?.annotations?.['synthflux.io/workflow-id'] === req.workflowId)).toHaveLength(1);
    await setStatus(name, completeStatus());
    await expect(firstRun).resolves.toEqual({ name, reused: false });
    await expect(second).resolves.toEqual({ name, reused: true });
  });

  it('rejects with the condition message when the Job fails', async () => {
    const req = request();
    const name = trainingJobName(req.workflowId, req.step);
    const running = new MockActivityEnvironment().run(() => runner.run(req));
    await waitForJob(name);
    // Handle the rejection before the status lands: the runner may see it before setStatus returns.
    const rejected = expect(running).rejects.toMatchObject({
      type: 'TrainingJobFailed',
      nonRetryable: true,
      message: expect.stringContaining('Job has reached the specified backoff limit'),
    });
    await setStatus(name, failedStatus('Job has reached the specified backoff limit'));
    await rejected;
  });

  it('deletes the Job when the activity is cancelled', async () => {
    const req = request();
    const name = trainingJobName(req.workflowId, req.step);
    const env = new MockActivityEnvironment();
    const running = env.run(() => runner.run(req));
    await waitForJob(name);
    env.cancel();
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
    await expect(admin.readNamespacedJob({ name, namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it('names Jobs by workflow and step, within the 63 characters of a label value', () => {
    const long = 'Campaign_Refinement/' + 'x'.repeat(200);
    expect(trainingJobName(long, 'train')).toBe(trainingJobName(long, 'train'));
    expect(trainingJobName(long, 'train')).not.toBe(trainingJobName(long, 'train2'));
    expect(trainingJobName(long, 'train')).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
  });

  it('builds the same Job as the reference manifest, which the API server accepts', async () => {
    const reference = parse(await fs.readFile(templateFile, 'utf8')) as V1Job;
    const train = reference.spec!.template.spec!.containers.find((c) => c.name === 'train')!;
    const built = buildTrainingJob({
      namespace: ns, workflowId: 'w', step: 'train', image: train.image!, gpus: 1, s3Secret: 'synthflux-s3',
      jobPrefix: 'synthflux/campaigns/CAMPAIGN_ID/ml/JOB_ID', script: 'refine_train.py',
    });
    expect(built.spec).toEqual(reference.spec);
    expect(built.metadata?.labels).toEqual(reference.metadata?.labels);
    // Validated by the server without creating it (dry run): creating it would start a training.
    const objects = KubernetesObjectApi.makeApiClient(cluster.admin);
    const accepted = await objects.patch({ ...reference, metadata: { ...reference.metadata, namespace: ns } }, undefined, 'All', 'synthflux-test', true, PatchStrategy.ServerSideApply);
    expect(accepted.metadata?.uid).toBeTruthy();
    await expect(admin.readNamespacedJob({ name: reference.metadata!.name!, namespace: ns })).rejects.toMatchObject({ code: 404 });
  });

  it('runs gap checks as Jobs of their own kind, uploading once report.json is written', async () => {
    const req: KubernetesJobRequest = { workflowId: `refine-${randomUUID()}`, step: 'gap-raw', kind: 'gap-check', script: 'gap_check.py', jobPrefix: 'synthflux/campaigns/c1/ml/j2' };
    const name = trainingJobName(req.workflowId, req.step, 'gap-check');
    expect(name).toMatch(/^synthflux-gap-/);
    const running = new MockActivityEnvironment().run(() => runner.run(req));
    let job: V1Job | undefined;
    await poll({
      label: `gap-check Job ${name}`,
      timeoutMs: 10_000,
      shouldStop: async () => Boolean((job = (await admin.listNamespacedJob({ namespace: ns, labelSelector: 'app.kubernetes.io/component=gap-check' })).items.find((j) => j.metadata?.name === name))),
    });
    const pod = job!.spec!.template.spec!;
    expect(pod.containers.find((c) => c.name === 'train')!.args).toEqual(['gap_check.py', '/work/job.json']);
    expect(pod.containers.find((c) => c.name === 'upload-outputs')!.command![2]).toContain('/work/out/report.json');
    await setStatus(name, completeStatus());
    await expect(running).resolves.toEqual({ name, reused: false });
    await admin.deleteNamespacedJob({ name, namespace: ns });
  });

  it("builds pods the namespace's restricted Pod Security level admits", async () => {
    // No Job controller runs here, so the pod the controller would create is submitted directly
    // (server-side dry run): Pod Security admission judges it as it would judge the real one.
    const core = cluster.admin.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'default' } } }).catch((err: { code?: number }) => {
      if (err.code !== 409) throw err;
    });
    for (const kind of ['refiner-training', 'gap-check'] as const) {
      const job = buildTrainingJob({ namespace: ns, workflowId: 'w', step: kind, kind, image: 'localhost:5000/synthflux/ml:dev', gpus: 0, s3Secret: 'synthflux-s3', jobPrefix: 'b/p', script: 'gap_check.py' });
      const pod = { metadata: { name: `${job.metadata!.name}-probe`, labels: job.spec!.template.metadata!.labels }, spec: job.spec!.template.spec! };
      const created = await core.createNamespacedPod({ namespace: ns, body: pod, dryRun: 'All' });
      expect(created.metadata?.name).toBe(pod.metadata.name);
      // The same pod without the hardening is refused: the check is real.
      const loose = { ...pod, spec: { ...pod.spec, securityContext: { runAsNonRoot: true, runAsUser: 10001 } } };
      await expect(core.createNamespacedPod({ namespace: ns, body: loose, dryRun: 'All' })).rejects.toMatchObject({ code: 403 });
    }
  });
});
