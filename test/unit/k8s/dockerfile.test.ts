// No Docker engine runs here, so the image build is checked statically: multi-stage, every
// image runs as a non-root user, and every path it copies or runs exists in the repository.

import fs from 'node:fs';
import path from 'node:path';
import { DIST_ENTRYPOINTS } from '../../../services/build/dist';

const root = path.resolve(__dirname, '..', '..', '..');
const dockerfile = fs.readFileSync(path.join(root, 'k8s', 'images', 'Dockerfile'), 'utf8');
const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const stages = lines.filter((l) => /^FROM /i.test(l)).map((l) => l.split(/\s+/).pop()!);

describe('k8s/images/Dockerfile', () => {
  it('has a build stage and one target per image', () => {
    expect(stages).toEqual(['build', 'runtime', 'solver', 'worker', 'api', 'ml']);
  });

  it('runs as a non-root user in every image target', () => {
    const runtimeStart = lines.findIndex((l) => /^FROM .* AS runtime$/i.test(l));
    const mlStart = lines.findIndex((l) => /^FROM .* AS ml$/i.test(l));
    expect(lines.slice(runtimeStart + 1, mlStart).filter((l) => /^USER /i.test(l))).toEqual(['USER 1000:1000']);
    // The ML Jobs' pods run as 10001 (services/ml/kubernetes-job-spec.ts).
    expect(lines.slice(mlStart + 1).filter((l) => /^USER /i.test(l))).toEqual(['USER 10001:10001']);
  });

  it('builds dist/ once in the build stage and ships it, not the sources; Debian\'s PyTorch and scikit-learn in the ML image', () => {
    const build = lines.slice(lines.findIndex((l) => /AS build$/i.test(l)), lines.findIndex((l) => /AS runtime$/i.test(l)));
    expect(build).toContain('RUN npm run build:dist');
    const runtime = lines.slice(lines.findIndex((l) => /AS runtime$/i.test(l)), lines.findIndex((l) => /AS solver$/i.test(l)));
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime.filter((l) => /^COPY (services|workflows|proto|prisma) /.test(l))).toEqual([]);
    expect(runtime).toContain('ENTRYPOINT ["node", "--enable-source-maps"]');
    const ml = dockerfile.slice(dockerfile.indexOf('AS ml'));
    for (const pkg of ['python3-torch', 'python3-sklearn', 'python3-numpy', 'python-is-python3']) expect(ml).toContain(pkg);
    // The Job runs `python <script>` in the working directory.
    expect(ml).toMatch(/COPY services\/ml\/python\/gap_check\.py services\/ml\/python\/refine_train\.py \.\//);
  });

  it('copies and runs only paths that exist', () => {
    for (const line of lines.filter((l) => /^COPY /i.test(l) && !l.includes('--from='))) {
      const sources = line.split(/\s+/).slice(1, -1).filter((s) => !s.startsWith('--'));
      for (const source of sources) expect([source, fs.existsSync(path.join(root, source))]).toEqual([source, true]);
    }
    // Each image runs a bundle that npm run build:dist makes from an existing source file.
    const mains = [...dockerfile.matchAll(/CMD \["([^"]+)"\]/g)].map((m) => m[1]!);
    expect(mains).toEqual(['dist/services/solver/main.js', 'dist/services/worker/main.js', 'dist/services/subscriptions/main.js']);
    for (const main of mains) {
      const source = main.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect([source, DIST_ENTRYPOINTS.includes(source), fs.existsSync(path.join(root, source))]).toEqual([source, true, true]);
    }
  });

  it('keeps local state and generated files out of the build context', () => {
    const ignore = fs.readFileSync(path.join(root, 'k8s', 'images', 'Dockerfile.dockerignore'), 'utf8');
    for (const entry of ['node_modules', '.synthflux', 'services/catalog/generated', '.git', 'dist']) expect(ignore.split('\n')).toContain(entry);
  });
});
