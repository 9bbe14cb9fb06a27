// The browser app (preact + htm + Chart.js), bundled with esbuild. Images serve the bundle
// `npm run build:dist` wrote beside this file's compiled copy (web/app.js); run from the
// TypeScript sources, the service bundles it once per process, in memory.

import fs from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

let bundled: Promise<string> | undefined;

/** Shared with services/build/dist.ts, so the prebuilt bundle is the one the sources make. */
export function dashboardBuildOptions(): BuildOptions & { entryPoints: string[] } {
  return {
    entryPoints: [path.join(__dirname, 'web', 'app.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  };
}

export function dashboardBundle(): Promise<string> {
  const prebuilt = path.join(__dirname, 'web', 'app.js');
  bundled ??= fs.existsSync(prebuilt)
    ? fs.promises.readFile(prebuilt, 'utf8')
    : import('esbuild').then(({ build }) => build({ ...dashboardBuildOptions(), write: false })).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
