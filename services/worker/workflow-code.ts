// Where the worker gets its workflow code. Compiled (the images: node dist/services/worker/main.js)
// it loads the bundle `npm run build:dist` prebuilt with bundleWorkflowCode, so no webpack runs at
// start; from the TypeScript sources (tsx: the embedded stack, the tests) it bundles workflows/.

import fs from 'node:fs';
import path from 'node:path';

/** File names under dist/workflows/: with the OpenTelemetry workflow interceptors, and without. */
export const WORKFLOW_BUNDLES = { plain: 'workflow-bundle.js', tracing: 'workflow-bundle-tracing.js' } as const;

export type WorkflowCode = { workflowBundle: { codePath: string } } | { workflowsPath: string };

export function workflowCode(opts: { tracing: boolean }): WorkflowCode {
  if (path.extname(__filename) !== '.js') return { workflowsPath: require.resolve('../../workflows') };
  const codePath = path.join(__dirname, '..', '..', 'workflows', opts.tracing ? WORKFLOW_BUNDLES.tracing : WORKFLOW_BUNDLES.plain);
  if (!fs.existsSync(codePath)) throw new Error(`the prebuilt workflow bundle ${codePath} is missing: build it with npm run build:dist`);
  return { workflowBundle: { codePath } };
}
