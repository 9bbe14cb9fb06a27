import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Where and how the ML jobs run in this process; one schema, parsed by the worker's main() or a test. */
export const mlConfigSchema = z
  .object({
    // Debian's interpreter: the python3 on PATH may be a separate build that cannot see python3-torch.
    ML_PYTHON: z.string().default('/usr/bin/python3'),
    ML_WORK_DIR: z.string().default(path.join(os.tmpdir(), 'synthflux-ml')),
    ML_SCRIPTS_DIR: z.string().default(path.join(__dirname, 'python')),
    ML_TORCH_THREADS: z.coerce.number().int().min(1).max(64).default(2),
    // Refiner training: a local process (embedded stack, no GPU cluster) or a Kubernetes Job on a
    // GPU node (production, services/ml/kubernetes-job.ts).
    ML_TRAINING_RUNNER: z.enum(['local', 'kubernetes']).default('local'),
    // Gap checks the same way; unset follows ML_TRAINING_RUNNER. The Jobs of both use the
    // ML_TRAINING_* image, namespace, GPUs and S3 Secret.
    ML_GAP_CHECK_RUNNER: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['local', 'kubernetes']).optional()),
    ML_TRAINING_IMAGE: z.string().min(1).optional(),
    ML_TRAINING_NAMESPACE: z.string().min(1).optional(),
    // 0 runs the Job on CPU nodes (a cluster without GPUs, tests).
    ML_TRAINING_GPU: z.coerce.number().int().min(0).max(8).default(1),
    // The Secret the Job's pod reads S3_ENDPOINT/S3_ACCESS_KEY/S3_SECRET_KEY from; only its name leaves the worker.
    ML_TRAINING_S3_SECRET: z.string().min(1).default('synthflux-s3'),
  })
  .transform((c) => ({ ...c, ML_GAP_CHECK_RUNNER: c.ML_GAP_CHECK_RUNNER ?? c.ML_TRAINING_RUNNER }))
  .superRefine((c, ctx) => {
    const runner = c.ML_TRAINING_RUNNER === 'kubernetes' ? 'ML_TRAINING_RUNNER' : c.ML_GAP_CHECK_RUNNER === 'kubernetes' ? 'ML_GAP_CHECK_RUNNER' : undefined;
    if (!runner) return;
    // Fail at startup, not at the first training hours into a campaign.
    for (const key of ['ML_TRAINING_IMAGE', 'ML_TRAINING_NAMESPACE'] as const) {
      if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when ${runner}=kubernetes` });
    }
  });
export type MlConfig = z.output<typeof mlConfigSchema>;

export function mlConfig(env: NodeJS.ProcessEnv = process.env): MlConfig {
  return mlConfigSchema.parse(env);
}
