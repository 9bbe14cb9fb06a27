// KubeConfigs for tests: the admin token, optionally impersonating another user (the worker's
// service account), so RBAC is exercised exactly as in a cluster.

import { KubeConfig } from '@kubernetes/client-node';

export interface TestKube {
  url: string;
  caFile: string;
  adminToken: string;
}

/** The API server global-setup started (TEST_KUBE_*). */
export function testKube(): TestKube {
  const url = process.env.TEST_KUBE_URL;
  const caFile = process.env.TEST_KUBE_CA_FILE;
  const adminToken = process.env.TEST_KUBE_TOKEN;
  if (!url || !caFile || !adminToken) throw new Error('TEST_KUBE_* is not set: run the integration project (test/global-setup.ts starts kube-apiserver)');
  return { url, caFile, adminToken };
}

export function kubeConfigFor(kube: TestKube, impersonate?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server: kube.url, caFile: kube.caFile, skipTLSVerify: false }],
    users: [{ name: 'test', token: kube.adminToken, ...(impersonate ? { impersonateUser: impersonate } : {}) }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
    currentContext: 'test',
  });
  return kc;
}

export const serviceAccountUser = (namespace: string, name: string): string => `system:serviceaccount:${namespace}:${name}`;
