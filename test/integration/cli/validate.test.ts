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

  it('says how many simulations a verification sample sends to which pool, and names its bad fields', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    const write = (name: string, section: string): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `name: v\ncount: 2000\nsampler: sobol\nsolver: { model: fem }\nverification: ${section}\n`);
      return file;
    };
    const { stdout } = await run(cli, ['campaign', 'validate', write('ok.yaml', '{ fraction: 0.01, pool: getdp }')]);
    expect(stdout).toContain("verification: about 20 simulations (1 %) solved again by the workers' pool 'getdp' at mesh fine");
    const err = (await run(cli, ['campaign', 'validate', write('bad.yaml', '{ fraction: 0.5, pool: "10.0.0.1:50051" }')]).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/^verification\.fraction.*between 0 \(exclusive\) and 0\.1 \(got 0\.5\)/m);
    expect(err.stderr).toMatch(/^verification\.pool.*a pool name of lowercase letters/m);
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

  it('reads a B-H table next to the spec, and names the file and row of a bad one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    fs.mkdirSync(path.join(dir, 'steels'));
    fs.writeFileSync(path.join(dir, 'steels', 'soft.csv'), 'H (kA/m),B (T)\n0,0\n0.2,0.8\n1,1.3\n5,1.6\n20,1.85\n60,2.0\n');
    fs.writeFileSync(path.join(dir, 'steels', 'bad.csv'), 'H [A/m],B [T]\n0,0\n200,0.8\n150,1.3\n5000,1.6\n20000,1.85\n');
    const spec = (table: string): string => {
      const file = path.join(dir, `${path.basename(table, '.csv')}.yaml`);
      fs.writeFileSync(file, `name: own-steel\ncount: 10\nsampler: sobol\nsolver:\n  model: fem\n  material: { table: ${table} }\n`);
      return file;
    };
    // Run from another folder: the table's path is relative to the spec file, not to the shell.
    const { stdout } = await run(cli, ['campaign', 'validate', spec('steels/soft.csv')], { cwd: os.tmpdir() });
    expect(stdout).toMatch(/^steel: soft, 6 B-H rows from steels\/soft\.csv \(sha256 [0-9a-f]{12}…\)$/m);
    const err = (await run(cli, ['campaign', 'validate', spec('steels/bad.csv')]).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('solver.material.table (line 6, column 22): steels/bad.csv line 4 (row 3): H must increase from row to row (150 A/m after 200 A/m)');
  });
});
