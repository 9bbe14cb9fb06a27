import { parseWorkerConfig, workerConfigSchema } from '../../../services/worker/config';

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

describe('worker config: where the ML jobs run', () => {
  it('parses the ML settings with the rest, so ML_TRAINING_RUNNER=kubernetes reaches the activities', () => {
    const config = parseWorkerConfig({ ...s3, ML_TRAINING_RUNNER: 'kubernetes', ML_TRAINING_IMAGE: 'registry.example.com/synthflux/ml:0.1.0', ML_TRAINING_NAMESPACE: 'synthflux' });
    expect(config.ml).toMatchObject({ ML_TRAINING_RUNNER: 'kubernetes', ML_GAP_CHECK_RUNNER: 'kubernetes', ML_TRAINING_IMAGE: 'registry.example.com/synthflux/ml:0.1.0', ML_TRAINING_NAMESPACE: 'synthflux' });
    expect(parseWorkerConfig({ ...s3 }).ml).toMatchObject({ ML_TRAINING_RUNNER: 'local', ML_PYTHON: '/usr/bin/python3' });
  });

  it('refuses to start with the Kubernetes runner but no image, naming the field', () => {
    expect(() => parseWorkerConfig({ ...s3, ML_TRAINING_RUNNER: 'kubernetes', ML_TRAINING_NAMESPACE: 'synthflux' })).toThrow(/ML_TRAINING_IMAGE is required when ML_TRAINING_RUNNER=kubernetes/);
  });

  it('binds metrics to loopback unless METRICS_HOST says otherwise', () => {
    expect(parseWorkerConfig({ ...s3 }).METRICS_HOST).toBe('127.0.0.1');
    expect(parseWorkerConfig({ ...s3, METRICS_HOST: '0.0.0.0' }).METRICS_HOST).toBe('0.0.0.0');
  });
});
