import { mlConfig, mlConfigSchema } from '../../../services/ml/config';

describe('ML training runner selection', () => {
  it('runs training locally by default (embedded stack)', () => {
    const config = mlConfig({});
    expect(config.ML_TRAINING_RUNNER).toBe('local');
    expect(config.ML_TRAINING_GPU).toBe(1);
  });

  it('needs an image and a namespace for the Kubernetes runner, at startup', () => {
    expect(() => mlConfig({ ML_TRAINING_RUNNER: 'kubernetes' })).toThrow(/ML_TRAINING_IMAGE is required[\s\S]*ML_TRAINING_NAMESPACE is required/);
    const config = mlConfig({ ML_TRAINING_RUNNER: 'kubernetes', ML_TRAINING_IMAGE: 'ml:1', ML_TRAINING_NAMESPACE: 'synthflux', ML_TRAINING_GPU: '2' });
    expect(config).toMatchObject({ ML_TRAINING_GPU: 2, ML_TRAINING_S3_SECRET: 'synthflux-s3' });
  });

  it('rejects an unknown runner', () => {
    expect(() => mlConfig({ ML_TRAINING_RUNNER: 'slurm' })).toThrow();
    const bad = mlConfigSchema.safeParse({ ML_GAP_CHECK_RUNNER: 'slurm' });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(['ML_GAP_CHECK_RUNNER']);
  });

  it('runs gap checks where training runs unless told otherwise', () => {
    expect(mlConfig({}).ML_GAP_CHECK_RUNNER).toBe('local');
    const k8s = { ML_TRAINING_IMAGE: 'ml:1', ML_TRAINING_NAMESPACE: 'synthflux' };
    expect(mlConfig({ ...k8s, ML_TRAINING_RUNNER: 'kubernetes' }).ML_GAP_CHECK_RUNNER).toBe('kubernetes');
    expect(mlConfig({ ...k8s, ML_TRAINING_RUNNER: 'kubernetes', ML_GAP_CHECK_RUNNER: 'local' }).ML_GAP_CHECK_RUNNER).toBe('local');
    expect(mlConfig({ ...k8s, ML_GAP_CHECK_RUNNER: 'kubernetes' })).toMatchObject({ ML_TRAINING_RUNNER: 'local', ML_GAP_CHECK_RUNNER: 'kubernetes' });
    // Gap-check Jobs use the same image and namespace settings, so they are required for them too.
    const missing = mlConfigSchema.safeParse({ ML_GAP_CHECK_RUNNER: 'kubernetes' });
    expect(missing.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['ML_TRAINING_IMAGE', 'ML_TRAINING_IMAGE is required when ML_GAP_CHECK_RUNNER=kubernetes'],
      ['ML_TRAINING_NAMESPACE', 'ML_TRAINING_NAMESPACE is required when ML_GAP_CHECK_RUNNER=kubernetes'],
    ]);
  });
});
