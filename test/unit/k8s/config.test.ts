import { workerConfigSchema } from '../../../services/worker/config';

// S3 credentials have no defaults; these tests are about the solver fields.
const s3 = { S3_ACCESS_KEY: 'test-access', S3_SECRET_KEY: 'test-secret' };

describe('worker config: solver discovery and scaling', () => {
  it('defaults to the static solver list', () => {
    const config = workerConfigSchema.parse({ ...s3 });
    expect(config.SOLVER_DISCOVERY).toBe('static');
    expect(config.SOLVER_ADDRESSES).toEqual(['127.0.0.1:50051']);
    expect(config).toMatchObject({ SOLVER_SERVICE: 'synthflux-solver', SOLVER_PORT_NAME: 'grpc', SOLVER_MIN_REPLICAS: 1, SOLVER_MAX_REPLICAS: 10 });
  });

  it('reads the Kubernetes settings the manifests pass', () => {
    const config = workerConfigSchema.parse({ ...s3, SOLVER_DISCOVERY: 'kubernetes', SOLVER_NAMESPACE: 'synthflux-dev', SOLVER_MIN_REPLICAS: '0', SOLVER_MAX_REPLICAS: '300', SOLVER_POD_CAPACITY: '4' });
    expect(config).toMatchObject({ SOLVER_DISCOVERY: 'kubernetes', SOLVER_NAMESPACE: 'synthflux-dev', SOLVER_MIN_REPLICAS: 0, SOLVER_MAX_REPLICAS: 300, SOLVER_POD_CAPACITY: 4 });
  });

  it('names the field on error', () => {
    const bad = workerConfigSchema.safeParse({ ...s3, SOLVER_DISCOVERY: 'dns' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['SOLVER_DISCOVERY']);
    const bounds = workerConfigSchema.safeParse({ ...s3, SOLVER_MIN_REPLICAS: '5', SOLVER_MAX_REPLICAS: '2' });
    expect(bounds.error?.issues.map((i) => i.path[0])).toEqual(['SOLVER_MAX_REPLICAS']);
  });
});
