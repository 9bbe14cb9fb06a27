// @ts-check
// Lint (`npm run lint`, run by scripts/test.sh): typescript-eslint's recommended type-checked
// rules, no import cycles between files (import-x) nor between modules
// (scripts/lint/module-cycles.mjs), and nothing under workflows/ that could break Temporal's
// deterministic sandbox (Node built-ins, I/O clients, services/ code other than types).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import synthflux from './scripts/lint/module-cycles.mjs';

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'proto/generated/', 'services/catalog/generated/', 'clients/', 'coverage/', 'test-output/', '.synthflux/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    plugins: { 'import-x': importX, synthflux },
    settings: {
      // import-x reads only files it has a parser for: without these, .ts imports are not followed.
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'synthflux/no-module-cycle': ['error', { typeImportsFrom: ['workflows'] }],
      // A leading underscore marks a binding kept on purpose (STYLE.md 26): an unused callback
      // argument, a property dropped from a rest copy (`{ material: _dropped, ...solver }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Off: `async` without `await` is how this code implements a Promise-returning interface so
      // that a throw becomes a rejection; dropping `async` would turn those into synchronous throws.
      '@typescript-eslint/require-await': 'off',
      // Passing on a caught value (typed unknown) as a rejection is a rethrow, not a new error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests and benches read JSON output and use jest's asymmetric matchers (expect.any,
    // expect.objectContaining), both typed `any`; the assertions themselves check those shapes.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (configs, this lint rule, a jest environment) is outside tsconfig.json.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // jest.config.js and jest's test environments are CommonJS: require() is their import.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/*`)],
              message: 'Workflow code runs in a deterministic sandbox: no Node built-ins.',
            },
            {
              group: ['@grpc/*', '@prisma/*', 'minio', 'pg', '@kubernetes/*', 'pino', 'prom-client', '@opentelemetry/*'],
              message: 'Workflow code does no I/O: call an activity instead.',
            },
            {
              group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/testing'],
              message: 'Workflow code uses @temporalio/workflow (and @temporalio/common) only.',
            },
            {
              group: ['**/services/**', '**/proto/**'],
              allowTypeImports: true,
              message: 'Workflow code imports services/ and proto/ only as types (import type); call an activity for the rest.',
            },
          ],
        },
      ],
    },
  },
);
