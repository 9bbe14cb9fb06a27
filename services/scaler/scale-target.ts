// The solver Deployment's scale subresource: the only thing the scaler reads and writes.

import { AppsV1Api, type KubeConfig } from '@kubernetes/client-node';

/** What the scaler needs from Kubernetes; tests and other orchestrators can supply their own. */
export interface ScaleTarget {
  readonly description: string;
  getReplicas(): Promise<number>;
  setReplicas(replicas: number): Promise<void>;
}

export interface DeploymentScaleOptions {
  namespace: string;
  name: string;
  kubeConfig?: KubeConfig;
  apps?: Pick<AppsV1Api, 'readNamespacedDeploymentScale' | 'patchNamespacedDeploymentScale'>;
}

/**
 * Reads and patches deployments/<name>/scale. Going through the scale subresource (not the
 * Deployment) keeps the worker's RBAC to get/patch on deployments/scale, and changes nothing
 * but spec.replicas.
 */
export class DeploymentScale implements ScaleTarget {
  readonly description: string;
  private readonly apps: NonNullable<DeploymentScaleOptions['apps']>;

  constructor(private readonly opts: DeploymentScaleOptions) {
    if (!opts.apps && !opts.kubeConfig) throw new Error('DeploymentScale needs a kubeConfig or an apps client');
    this.apps = opts.apps ?? opts.kubeConfig!.makeApiClient(AppsV1Api);
    this.description = `deployment ${opts.namespace}/${opts.name}`;
  }

  async getReplicas(): Promise<number> {
    const scale = await this.apps.readNamespacedDeploymentScale({ name: this.opts.name, namespace: this.opts.namespace });
    return scale.spec?.replicas ?? 0;
  }

  async setReplicas(replicas: number): Promise<void> {
    // A JSON patch (the client's default patch type) of the one field.
    await this.apps.patchNamespacedDeploymentScale({
      name: this.opts.name,
      namespace: this.opts.namespace,
      fieldManager: 'synthflux-scaler',
      body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
    });
  }
}
