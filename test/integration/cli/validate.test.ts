import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = path.join(__dirname, '..', '..', '..', 'bin', 'synthflux');
const demoSpec = path.join(__dirname, '..', '..', '..', 'examples', 'demo-campaign.yaml');

describe('synthflux campaign validate', () => {
  it('accepts the demo spec and says what it would run', async () => {
    const { stdout } = await run(cli, ['campaign', 'validate', demoSpec]);
    expect(stdout).toContain('valid. 2000 simulations in 20 batches (sobol sampler, dipole model)');
  });

  it('rejects a bad spec with exit code 2, naming every bad field and what is allowed', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spec-')), 'bad.yaml');
    fs.writeFileSync(
      file,
      ['name: Bad Name', 'count: 10', 'sampler: random', 'parameters:', '  defectDepth: { min: 10, max: 140 }', 'solver: { model: dipole }', 'batchSize: 0', ''].join('\n'),
    );
    const err = (await run(cli, ['campaign', 'validate', file]).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/^name.*must/m);
    expect(err.stderr).toMatch(/^sampler.*grid, uniform, latin-hypercube, sobol/m);
    expect(err.stderr).toMatch(/^parameters\.defectDepth\.max.*100/m);
    expect(err.stderr).toMatch(/^batchSize.*/m);
  });
});
