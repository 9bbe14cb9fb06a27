// The scaler's settings, part of the worker's environment (see services/worker/config.ts).

import { z } from 'zod';

export const scalerConfigShape = {
  /** The solver Deployment the scaler sizes (in SOLVER_NAMESPACE). */
  SOLVER_DEPLOYMENT: z.string().min(1).default('synthflux-solver'),
  SOLVER_MIN_REPLICAS: z.coerce.number().int().min(0).default(1),
  SOLVER_MAX_REPLICAS: z.coerce.number().int().min(1).default(10),
  /** Concurrent batches one solver pod serves: its solve threads (= its CPU request). */
  SOLVER_POD_CAPACITY: z.coerce.number().int().min(1).default(2),
  /** How often the scaling workflow sizes the Deployment. */
  SOLVER_SCALE_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
};

export const scalerConfigSchema = z
  .object(scalerConfigShape)
  .superRefine((env, ctx) => {
    if (env.SOLVER_MAX_REPLICAS < env.SOLVER_MIN_REPLICAS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SOLVER_MAX_REPLICAS'],
        message: `SOLVER_MAX_REPLICAS (${env.SOLVER_MAX_REPLICAS}) must be at least SOLVER_MIN_REPLICAS (${env.SOLVER_MIN_REPLICAS})`,
      });
    }
  });
export type ScalerConfig = z.infer<typeof scalerConfigSchema>;
