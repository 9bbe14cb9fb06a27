import { mlConfig } from '../../../services/ml/config';

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
  });
});
