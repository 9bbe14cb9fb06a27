// The Kubernetes test binaries scripts/setup.sh builds into the per-user cache, keyed by version.

import { cachedBinary } from '../../services/stack/paths';

export interface KubeBinaries {
  kubeApiserver: string;
  kine: string;
  kustomize: string;
}

export function kubeBinaries(): KubeBinaries {
  return {
    kubeApiserver: cachedBinary('kube-apiserver', 'KUBE_APISERVER_VERSION'),
    kine: cachedBinary('kine', 'KINE_VERSION'),
    kustomize: cachedBinary('kustomize', 'KUSTOMIZE_VERSION'),
  };
}
