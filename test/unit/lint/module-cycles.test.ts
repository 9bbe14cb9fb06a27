// The module-cycle lint rule (scripts/lint/module-cycles.mjs) run by the real ESLint CLI on a small
// project written to a temporary folder.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const repo = path.resolve(__dirname, '..', '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

/** Writes `files` into a fresh project with the rule enabled and returns rel path -> messages. */
async function lintProject(files: Record<string, string>): Promise<Record<string, LintMessage[]>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-lint-'));
  try {
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true }, include: ['services', 'workflows'] }));
    write(
      'eslint.config.mjs',
      [
        `import { createRequire } from 'node:module';`,
        `import synthflux from ${JSON.stringify(path.join(repo, 'scripts/lint/module-cycles.mjs'))};`,
        `const require = createRequire(${JSON.stringify(path.join(repo, 'package.json'))});`,
        `const parser = require('@typescript-eslint/parser');`,
        `export default [{ files: ['**/*.ts'], languageOptions: { parser }, plugins: { synthflux }, rules: { 'synthflux/no-module-cycle': ['error', { typeImportsFrom: ['workflows'] }] } }];`,
      ].join('\n'),
    );
    for (const [rel, text] of Object.entries(files)) write(rel, text);
    const eslint = path.join(repo, 'node_modules/eslint/bin/eslint.js');
    const run = await promisify(execFile)(process.execPath, [eslint, '--format', 'json', '.'], { cwd: dir }).catch((err: Error & { stdout?: string }) => {
      if (err.stdout === undefined) throw err;
      return { stdout: err.stdout };
    });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: LintMessage[] }[];
    return Object.fromEntries(results.filter((r) => r.messages.length > 0).map((r) => [path.relative(dir, r.filePath), r.messages]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('no-module-cycle', () => {
  it('reports each import that closes a cycle between modules, with the way back', async () => {
    const found = await lintProject({
      'services/ml/train.ts': `import { context } from '../worker/context';\nexport const train = (): string => context;\n`,
      'services/worker/context.ts': `export const context = 'c';\n`,
      'services/worker/activities.ts': `import { train } from '../ml/train';\nexport const activities = { train };\n`,
      'services/stack/stack.ts': `import { activities } from '../worker/activities';\nexport const stack = activities;\n`,
    });
    expect(Object.keys(found).sort()).toEqual(['services/ml/train.ts', 'services/worker/activities.ts']);
    expect(found['services/ml/train.ts']).toEqual([
      expect.objectContaining({
        ruleId: 'synthflux/no-module-cycle',
        line: 1,
        message: expect.stringContaining('services/ml imports services/worker, which already depends on services/ml: services/worker -> services/ml (services/worker/activities.ts -> services/ml/train.ts)'),
      }),
    ]);
  }, 60_000);

  it('counts type-only imports, except from the modules named in typeImportsFrom', async () => {
    const found = await lintProject({
      'services/discovery/watch.ts': `import type { Pool } from '../worker/pool';\nexport const watch = (pool: Pool): number => pool.size;\n`,
      'services/worker/pool.ts': `import { watch } from '../discovery/watch';\nexport interface Pool { size: number }\nexport const start = watch;\n`,
      'workflows/campaign.ts': `import type { Activities } from '../services/scaler/activities';\nexport const run = (a: Activities): number => a.size;\n`,
      'services/scaler/activities.ts': `import { run } from '../../workflows/campaign';\nexport interface Activities { size: number }\nexport const schedule = run;\n`,
    });
    expect(Object.keys(found).sort()).toEqual(['services/discovery/watch.ts', 'services/worker/pool.ts']);
  }, 60_000);

  it('leaves out entrypoints: files no other file imports', async () => {
    const found = await lintProject({
      'services/api/main.ts': `import { mount } from '../dashboard/mount';\nmount();\n`,
      'services/api/auth.ts': `export const authorize = (): boolean => true;\n`,
      'services/dashboard/mount.ts': `import { authorize } from '../api/auth';\nexport const mount = (): boolean => authorize();\n`,
    });
    expect(found).toEqual({});
  }, 60_000);
});
