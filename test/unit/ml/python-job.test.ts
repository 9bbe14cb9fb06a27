// A Python job that fails runs as a real child process; its error keeps stderr's tail and, when a
// package is missing, names the setup step that installs the ML packages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_BAD_INPUT, inheritedEnv, PythonJobError, runPythonJob } from '../../../services/ml/python-job';

const dir = mkdtempSync(path.join(tmpdir(), 'python-job-'));
const script = (name: string, body: string): string => {
  writeFileSync(path.join(dir, name), body);
  return name;
};
const run = (name: string) => runPythonJob({ python: '/usr/bin/python3', script: name, args: [], cwd: dir, heartbeat: () => undefined });

describe('runPythonJob', () => {
  it('names `setup.sh ml` when a Python package is missing', async () => {
    const err = await run(script('missing.py', 'import synthflux_no_such_package\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PythonJobError);
    expect((err as Error).message).toMatch(/Python package "synthflux_no_such_package" is missing: run `bash scripts\/setup.sh ml`/);
    expect((err as PythonJobError).badInput).toBe(false);
  });

  it("passes the process basics to a job, never the worker's credentials", async () => {
    expect(inheritedEnv({ PATH: '/usr/bin', HOME: '/home/w', TEMPORAL_API_KEY: 'k', S3_SECRET_KEY: 's', DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({ PATH: '/usr/bin', HOME: '/home/w' });
    process.env.TEMPORAL_API_KEY = 'not-for-jobs';
    try {
      const err = await run(script('env.py', 'import os, sys\nprint(sorted(k for k in os.environ if "KEY" in k or "DATABASE" in k), file=sys.stderr)\nsys.exit(3)\n')).catch((e: unknown) => e);
      expect((err as Error).message).toContain('[]');
    } finally {
      delete process.env.TEMPORAL_API_KEY;
    }
  });

  it('keeps stderr and the bad-input exit code, without the package hint', async () => {
    const err = await run(script('bad.py', `import sys\nprint("spec.count: must be positive", file=sys.stderr)\nsys.exit(${EXIT_BAD_INPUT})\n`)).catch((e: unknown) => e);
    expect((err as Error).message).toContain('spec.count: must be positive');
    expect((err as Error).message).not.toContain('setup.sh ml');
    expect((err as PythonJobError).badInput).toBe(true);
  });
});
