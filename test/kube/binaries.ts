// The Kubernetes test binaries `scripts/setup.sh test` builds into the per-user cache, keyed by version.

import { cachedBinary } from '../../services/stack/paths';

export interface KubeBinaries {
  kubeApiserver: string;
  kine: string;
  kustomize: string;
}

export function kubeBinaries(): KubeBinaries {
  return {
    kubeApiserver: cachedBinary('kube-apiserver', 'KUBE_APISERVER_VERSION', 'test'),
    kine: cachedBinary('kine', 'KINE_VERSION', 'test'),
    kustomize: cachedBinary('kustomize', 'KUSTOMIZE_VERSION', 'test'),
  };
}
