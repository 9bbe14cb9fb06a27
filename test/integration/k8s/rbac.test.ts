// The worker's RBAC allows what discovery and the scaler do, and nothing else. Asked of the real
// authorizer (RBAC mode) with SubjectAccessReviews, and checked by impersonated calls.

import { AppsV1Api, AuthorizationV1Api, CoreV1Api, DiscoveryV1Api, type V1ResourceAttributes } from '@kubernetes/client-node';
import { serviceAccountUser } from '../../kube/client';
import { applyDevOverlay, DEV_NAMESPACE, type DevCluster } from '../../kube/fixture';

const ns = DEV_NAMESPACE;
const worker = serviceAccountUser(ns, 'synthflux-worker');
const solver = serviceAccountUser(ns, 'synthflux-solver');

type Check = [description: string, attributes: V1ResourceAttributes];

const allowed: Check[] = [
  ['get the solver Deployment', { verb: 'get', group: 'apps', resource: 'deployments', name: 'synthflux-solver', namespace: ns }],
  ['get the solver scale', { verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'synthflux-solver', namespace: ns }],
  ['patch the solver scale', { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'synthflux-solver', namespace: ns }],
  ['list EndpointSlices', { verb: 'list', group: 'discovery.k8s.io', resource: 'endpointslices', namespace: ns }],
  ['watch EndpointSlices', { verb: 'watch', group: 'discovery.k8s.io', resource: 'endpointslices', namespace: ns }],
  // Refiner training Jobs (services/ml/kubernetes-job.ts): create, poll, delete on cancel.
  ['create Jobs', { verb: 'create', group: 'batch', resource: 'jobs', namespace: ns }],
  ['get a Job', { verb: 'get', group: 'batch', resource: 'jobs', name: 'synthflux-train-x', namespace: ns }],
  ['delete a Job', { verb: 'delete', group: 'batch', resource: 'jobs', name: 'synthflux-train-x', namespace: ns }],
];

const denied: Check[] = [
  ['patch the solver Deployment itself', { verb: 'patch', group: 'apps', resource: 'deployments', name: 'synthflux-solver', namespace: ns }],
  ['update the solver scale (only patch)', { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'synthflux-solver', namespace: ns }],
  ['patch another Deployment scale', { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'synthflux-worker', namespace: ns }],
  ['list Deployments', { verb: 'list', group: 'apps', resource: 'deployments', namespace: ns }],
  ['delete the solver Deployment', { verb: 'delete', group: 'apps', resource: 'deployments', name: 'synthflux-solver', namespace: ns }],
  ['create EndpointSlices', { verb: 'create', group: 'discovery.k8s.io', resource: 'endpointslices', namespace: ns }],
  ['list EndpointSlices in another namespace', { verb: 'list', group: 'discovery.k8s.io', resource: 'endpointslices', namespace: 'default' }],
  ['list EndpointSlices cluster-wide', { verb: 'list', group: 'discovery.k8s.io', resource: 'endpointslices' }],
  ['list pods', { verb: 'list', group: '', resource: 'pods', namespace: ns }],
  ['create pods directly', { verb: 'create', group: '', resource: 'pods', namespace: ns }],
  ['read secrets', { verb: 'get', group: '', resource: 'secrets', name: 'synthflux-database', namespace: ns }],
  ['create Jobs in another namespace', { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'default' }],
  ['patch a Job (its spec is fixed at creation)', { verb: 'patch', group: 'batch', resource: 'jobs', name: 'synthflux-train-x', namespace: ns }],
  ["update a Job's status (the Job controller's)", { verb: 'update', group: 'batch', resource: 'jobs', subresource: 'status', name: 'synthflux-train-x', namespace: ns }],
  ['list Jobs', { verb: 'list', group: 'batch', resource: 'jobs', namespace: ns }],
  ['create CronJobs', { verb: 'create', group: 'batch', resource: 'cronjobs', namespace: ns }],
  ['read pod logs', { verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'synthflux-train-x-abcde', namespace: ns }],
  ['patch the solver scale in another namespace', { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'synthflux-solver', namespace: 'default' }],
];

describe('worker RBAC', () => {
  let cluster: DevCluster;
  let authz: AuthorizationV1Api;
  beforeAll(async () => {
    cluster = await applyDevOverlay();
    authz = cluster.admin.makeApiClient(AuthorizationV1Api);
  });

  // The groups a service account token carries; impersonating the user adds the same.
  const review = async (user: string, resourceAttributes: V1ResourceAttributes): Promise<boolean> => {
    const result = await authz.createSubjectAccessReview({
      body: { spec: { user, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'], resourceAttributes } },
    });
    return result.status?.allowed === true;
  };

  it.each(allowed)('allows the worker to %s', async (_d, attributes) => {
    expect(await review(worker, attributes)).toBe(true);
  });

  it.each(denied)('denies the worker to %s', async (_d, attributes) => {
    expect(await review(worker, attributes)).toBe(false);
  });

  it('gives the solver service account nothing', async () => {
    for (const [, attributes] of allowed) expect(await review(solver, attributes)).toBe(false);
  });

  it('holds for real calls made as the worker', async () => {
    const apps = cluster.worker.makeApiClient(AppsV1Api);
    const scale = await apps.readNamespacedDeploymentScale({ name: 'synthflux-solver', namespace: ns });
    expect(scale.spec?.replicas).toBeGreaterThanOrEqual(0);
    await cluster.worker.makeApiClient(DiscoveryV1Api).listNamespacedEndpointSlice({ namespace: ns });
    await expect(apps.readNamespacedDeploymentScale({ name: 'synthflux-worker', namespace: ns })).rejects.toMatchObject({ code: 403 });
    await expect(cluster.worker.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: ns })).rejects.toMatchObject({ code: 403 });
    await expect(apps.deleteNamespacedDeployment({ name: 'synthflux-solver', namespace: ns })).rejects.toMatchObject({ code: 403 });
  });
});
