import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Where and how the ML jobs run in this process; one schema, parsed by the worker's main() or a test. */
export const mlConfigSchema = z.object({
  // Debian's interpreter: the python3 on PATH may be a separate build that cannot see python3-torch.
  ML_PYTHON: z.string().default('/usr/bin/python3'),
  ML_WORK_DIR: z.string().default(path.join(os.tmpdir(), 'synthflux-ml')),
  ML_SCRIPTS_DIR: z.string().default(path.join(__dirname, 'python')),
  ML_TORCH_THREADS: z.coerce.number().int().min(1).max(64).default(2),
});
export type MlConfig = z.infer<typeof mlConfigSchema>;

export function mlConfig(env: NodeJS.ProcessEnv = process.env): MlConfig {
  return mlConfigSchema.parse(env);
}
