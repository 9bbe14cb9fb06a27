// Bundles the browser app (preact + htm + Chart.js) with esbuild once per process, in memory: no
// build step and no build output to keep in sync with the source.

import path from 'node:path';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

export function dashboardBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(__dirname, 'web', 'app.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
