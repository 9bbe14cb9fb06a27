// The Kubernetes test binaries scripts/setup.sh builds into the per-user cache, keyed by version.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

export interface KubeBinaries {
  kubeApiserver: string;
  kine: string;
  kustomize: string;
}

function pinned(): Record<string, string> {
  const text = fs.readFileSync(path.join(repoRoot, 'scripts', 'versions.env'), 'utf8');
  return Object.fromEntries(text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=', 2) as [string, string]));
}

export function kubeBinaries(): KubeBinaries {
  const versions = pinned();
  const cache = process.env.SYNTHFLUX_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'synthflux');
  const bin = (name: string, version: string | undefined): string => {
    const file = path.join(cache, 'bin', `${name}-${version}`, name);
    if (!fs.existsSync(file)) throw new Error(`${name} ${version} is not built at ${file}: run scripts/setup.sh first`);
    return file;
  };
  return {
    kubeApiserver: bin('kube-apiserver', versions.KUBE_APISERVER_VERSION),
    kine: bin('kine', versions.KINE_VERSION),
    kustomize: bin('kustomize', versions.KUSTOMIZE_VERSION),
  };
}
