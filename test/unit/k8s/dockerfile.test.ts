// No Docker engine runs here, so the image build is checked statically: multi-stage, every
// image runs as a non-root user, and every path it copies or runs exists in the repository.

import fs from 'node:fs';
import path from 'node:path';

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

  it('ships the catalog migrations with the services, and Debian\'s PyTorch and scikit-learn in the ML image', () => {
    const runtime = lines.slice(lines.findIndex((l) => /AS runtime$/i.test(l)), lines.findIndex((l) => /AS solver$/i.test(l)));
    expect(runtime).toContain('COPY prisma ./prisma');
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
    const mains = [...dockerfile.matchAll(/CMD \["([^"]+)"\]/g)].map((m) => m[1]!);
    expect(mains).toEqual(['services/solver/main.ts', 'services/worker/main.ts', 'services/subscriptions/main.ts']);
    for (const main of mains) expect([main, fs.existsSync(path.join(root, main))]).toEqual([main, true]);
  });

  it('keeps local state and generated files out of the build context', () => {
    const ignore = fs.readFileSync(path.join(root, 'k8s', 'images', 'Dockerfile.dockerignore'), 'utf8');
    for (const entry of ['node_modules', '.synthflux', 'services/catalog/generated', '.git']) expect(ignore.split('\n')).toContain(entry);
  });
});
