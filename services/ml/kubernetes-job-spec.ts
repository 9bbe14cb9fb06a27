// The ML Jobs (refiner training, gap checks) as typed objects: the same shape as
// k8s/ml/refiner-training-job.yaml (test/integration/k8s/training-job.test.ts checks that the two
// agree), filled in per job. Both kinds run a script of the ML image on files in /work.

import { createHash } from 'node:crypto';
import type { V1Container, V1EnvVar, V1Job } from '@kubernetes/client-node';

/** mc moves files between object storage and the pod; the training image has no S3 client on purpose. */
export const MC_IMAGE = 'minio/mc:RELEASE.2025-04-16T18-13-26Z';
export const WORKFLOW_ID_ANNOTATION = 'synthflux.io/workflow-id';
export const STEP_ANNOTATION = 'synthflux.io/step';

/** Per kind: the component label, the Job name prefix, and the output the script writes last. */
export const ML_JOB_KINDS = {
  'refiner-training': { namePrefix: 'synthflux-train-', doneFile: 'training.json' },
  'gap-check': { namePrefix: 'synthflux-gap-', doneFile: 'report.json' },
} as const;
export type MlJobKind = keyof typeof ML_JOB_KINDS;
const labels = (kind: MlJobKind) => ({ 'app.kubernetes.io/name': 'synthflux-ml', 'app.kubernetes.io/component': kind, 'app.kubernetes.io/part-of': 'synthflux' });
// The Job controller copies the Job name into a pod label, and label values stop at 63 characters.
const MAX_NAME = 63;

export interface TrainingJobSpecInput {
  namespace: string;
  workflowId: string;
  /** Which step of the workflow (a workflow may train or check more than once). */
  step: string;
  /** Refiner training unless set. */
  kind?: MlJobKind;
  image: string;
  /** nvidia.com/gpu to request; 0 runs on CPU (and drops the GPU toleration). */
  gpus: number;
  /** Name of the Secret with S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY: referenced, never copied. */
  s3Secret: string;
  /** <bucket>/campaigns/<id>/ml/<jobId>: inputs are under in/, outputs go to out/. */
  jobPrefix: string;
  /** The Python script in the image's working directory, e.g. refine_train.py. */
  script: string;
  traceparent?: string;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
}

/**
 * A name that depends only on workflow id and step, so a retried activity (or a second worker
 * after a crash) finds the Job the first attempt created instead of starting another GPU run.
 * The hash keeps names distinct after the id is cut down to a DNS label.
 */
export function trainingJobName(workflowId: string, step: string, kind: MlJobKind = 'refiner-training'): string {
  const hash = createHash('sha256').update(`${workflowId}\0${step}`).digest('hex').slice(0, 10);
  const prefix = ML_JOB_KINDS[kind].namePrefix;
  const slug = `${workflowId}-${step}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  const room = MAX_NAME - prefix.length - hash.length - 1;
  const cut = slug.slice(0, room).replace(/^-+|-+$/g, '');
  return `${prefix}${cut ? `${cut}-` : ''}${hash}`;
}

const volumeMounts = [{ name: 'work', mountPath: '/work' }];
// The namespace enforces the `restricted` Pod Security level; a pod without these is refused.
const containerSecurity = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

function mcContainer(name: string, script: string, input: TrainingJobSpecInput, extra: Partial<V1Container> = {}): V1Container {
  const env: V1EnvVar[] = [
    { name: 'JOB_PREFIX', value: input.jobPrefix },
    // mc writes its config under $HOME; the pod runs as a user without a home directory.
    { name: 'HOME', value: '/tmp' },
  ];
  return { name, image: MC_IMAGE, command: ['sh', '-c', script], envFrom: [{ secretRef: { name: input.s3Secret } }], env, securityContext: containerSecurity, volumeMounts, ...extra };
}

export function buildTrainingJob(input: TrainingJobSpecInput): V1Job {
  const kind = input.kind ?? 'refiner-training';
  const name = trainingJobName(input.workflowId, input.step, kind);
  const { doneFile } = ML_JOB_KINDS[kind];
  const gpu: Record<string, string> = input.gpus > 0 ? { 'nvidia.com/gpu': String(input.gpus) } : {};
  const train: V1Container = {
    name: 'train',
    image: input.image,
    // The script and job file come as args ($1, $2) so the command stays fixed; a failure leaves
    // /work/failed so the upload container stops waiting for outputs that will never come.
    command: ['sh', '-c', 'python "$1" "$2" || { touch /work/failed; exit 1; }', 'train'],
    args: [input.script, '/work/job.json'],
    env: [{ name: 'TRACEPARENT', value: input.traceparent ?? '' }],
    resources: { requests: { cpu: '2', memory: '8Gi', ...gpu }, limits: { cpu: '4', memory: '16Gi', ...gpu } },
    securityContext: containerSecurity,
    volumeMounts,
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: input.namespace,
      labels: labels(kind),
      // Label values cannot hold arbitrary workflow ids; the annotation lets a reuse check the owner.
      annotations: { [WORKFLOW_ID_ANNOTATION]: input.workflowId, [STEP_ANNOTATION]: input.step },
    },
    spec: {
      backoffLimit: input.backoffLimit ?? 2,
      activeDeadlineSeconds: input.activeDeadlineSeconds ?? 21600,
      // Long enough for a retried activity to find the finished Job and its outputs, then gone.
      ttlSecondsAfterFinished: input.ttlSecondsAfterFinished ?? 86400,
      template: {
        metadata: { labels: labels(kind) },
        spec: {
          restartPolicy: 'Never',
          // The pod only talks to S3 (with the Secret's keys), never to the API server.
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          tolerations: input.gpus > 0 ? [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] : [],
          initContainers: [mcContainer('fetch-inputs', 'mc alias set s3 "$S3_ENDPOINT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY" && mc cp --recursive "s3/$JOB_PREFIX/in/" /work/', input)],
          containers: [
            train,
            // Runs beside the script and waits for its last output (training.json, report.json) or the failure mark.
            mcContainer(
              'upload-outputs',
              `until [ -f /work/out/${doneFile} ] || [ -f /work/failed ]; do sleep 5; done; mc alias set s3 "$S3_ENDPOINT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY" && mc cp --recursive /work/out/ "s3/$JOB_PREFIX/out/"`,
              input,
              { resources: { requests: { cpu: '100m', memory: '128Mi' } } },
            ),
          ],
          volumes: [{ name: 'work', emptyDir: { sizeLimit: '20Gi' } }],
        },
      },
    },
  };
}
