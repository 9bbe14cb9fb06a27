// `npm run build:dist`: the JavaScript the images run (k8s/images/Dockerfile), built once.
//   dist/services/<svc>/main.js     one esbuild bundle per entrypoint, CommonJS, run with plain node
//   dist/workflows/*.js             the Temporal workflow code, prebuilt with bundleWorkflowCode
//   dist/services/dashboard/web/app.js   the dashboard's browser bundle
//   dist/proto, dist/prisma/migrations, dist/materials, dist/services/ml/python,
//   dist/services/catalog/generated      the files the services read at run time
// dist/ mirrors the source tree: each source file's __dirname becomes its own directory's mirror
// under dist/, so paths the code builds from __dirname (proto files, migrations, materials, the
// solver's thread entry) find the copies here. Packages stay in node_modules, except the ones
// published as ES modules only, which plain `require` cannot load on Node 20: those are bundled.
// The embedded stack and the tests keep running the TypeScript through tsx.

import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { dashboardBuildOptions } from '../dashboard/bundle';
import { WORKFLOW_TRACING_MODULE } from '../tracing/temporal';
import { WORKFLOW_BUNDLES } from '../worker/workflow-code';

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');

/** The images' entrypoints, plus the solver's worker thread (started by path from solver/pool.ts). */
export const DIST_ENTRYPOINTS = [
  'services/solver/main.ts',
  'services/solver/worker.ts',
  'services/worker/main.ts',
  'services/subscriptions/main.ts',
  'services/catalog/migrate-main.ts',
];

/** ES-module-only packages (the same list jest transforms): bundled, since require() cannot load them. */
const BUNDLED_PACKAGES = /^(zarrita|@zarrita\/[^/]+|numcodecs|reference-spec-reader|unzipit|@kubernetes\/client-node|openid-client|oauth4webapi|jose)(\/|$)/;

/** Runtime files, copied to the same relative paths under dist/. */
const ASSETS = ['proto/synthflux', 'prisma/migrations', 'materials', 'services/ml/python', 'services/catalog/generated'];

const GENERATED_CLIENT = path.join(root, 'services', 'catalog', 'generated');

function distPlugin(outfile: string): Plugin {
  const outDir = path.dirname(outfile);
  return {
    name: 'synthflux-dist',
    setup(b) {
      // The generated Prisma client loads its query compiler (wasm) from beside itself: keep it a
      // file of its own, required from its copy under dist/.
      b.onResolve({ filter: /generated$/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        if (target !== GENERATED_CLIENT) return undefined;
        return { path: `./${path.relative(outDir, path.join(dist, path.relative(root, target)))}`, external: true };
      });
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || BUNDLED_PACKAGES.test(args.path)) return undefined;
        return { path: args.path, external: true };
      });
      // __dirname of each source file -> its mirror under dist/, relative to the bundle's own.
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const contents = await fs.promises.readFile(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(contents)) return { contents, loader: 'ts' };
        const mirror = path.join(dist, path.relative(root, path.dirname(args.path)));
        const dir = `require('node:path').join(__dirname, ${JSON.stringify(path.relative(outDir, mirror))})`;
        const file = `require('node:path').join(${dir}, ${JSON.stringify(path.basename(args.path, '.ts') + '.js')})`;
        return { contents: contents.replace(/\b__dirname\b/g, dir).replace(/\b__filename\b/g, file), loader: 'ts' };
      });
    },
  };
}

async function bundleEntry(entry: string): Promise<void> {
  const outfile = path.join(dist, entry.replace(/\.ts$/, '.js'));
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'error',
    metafile: true,
    plugins: [distPlugin(outfile)],
  });
  // Every module left outside the bundle must load with plain require() from where the bundle
  // runs; an ES-module-only package found here belongs in BUNDLED_PACKAGES.
  const externals = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.kind !== 'require-resolve').map((i) => i.path)));
  const unloadable = [...externals].filter((specifier) => {
    try {
      require.resolve(specifier, { paths: [path.dirname(outfile)] });
      return false;
    } catch {
      return !specifier.startsWith('node:');
    }
  });
  if (unloadable.length) throw new Error(`build:dist: ${entry} needs ${unloadable.join(', ')}, which require() cannot load from ${path.relative(root, outfile)}: add them to BUNDLED_PACKAGES`);
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.rmSync(dist, { recursive: true, force: true });
  for (const asset of ASSETS) {
    const from = path.join(root, asset);
    if (!fs.existsSync(from)) throw new Error(`build:dist: ${asset} is missing${asset.includes('generated') ? ' (npm run generate:prisma)' : ''}`);
    fs.cpSync(from, path.join(dist, asset), { recursive: true, filter: (src) => !/__pycache__|\.pyc$/.test(src) });
  }
  await Promise.all(DIST_ENTRYPOINTS.map(bundleEntry));
  const dashboard = await build({ ...dashboardBuildOptions(), write: false });
  fs.mkdirSync(path.join(dist, 'services', 'dashboard', 'web'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'services', 'dashboard', 'web', 'app.js'), dashboard.outputFiles[0]!.text);
  // The worker loads one of these instead of running webpack at start: with or without the
  // OpenTelemetry workflow interceptors, as tracing is configured.
  fs.mkdirSync(path.join(dist, 'workflows'), { recursive: true });
  for (const [kind, file] of Object.entries(WORKFLOW_BUNDLES)) {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: kind === 'tracing' ? [WORKFLOW_TRACING_MODULE] : [],
      logger: new DefaultLogger('WARN'),
    });
    fs.writeFileSync(path.join(dist, 'workflows', file), code);
  }
  console.log(`build:dist: ${DIST_ENTRYPOINTS.length} entrypoints, the dashboard and ${Object.keys(WORKFLOW_BUNDLES).length} workflow bundles in ${path.relative(process.cwd(), dist) || dist} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// Built when run (npm run build:dist); importing it (for DIST_ENTRYPOINTS) builds nothing.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
