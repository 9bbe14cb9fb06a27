import os from 'node:os';
import { parseSolverConfig } from '../../../services/solver/config';

describe('solver config', () => {
  it('has defaults for everything', () => {
    expect(parseSolverConfig({})).toEqual({
      host: '127.0.0.1',
      port: 50051,
      threads: os.availableParallelism(),
      maxBatch: 1000,
      maxSensorPoints: 65_536,
      maxResponseBytes: 512 * 1024 * 1024,
      metricsPort: 9466,
      shutdownGraceMs: 10_000,
      tls: {}, // plaintext unless SOLVER_TLS_* name the PEM files
    });
  });

  it('coerces numbers from the environment and treats empty as unset', () => {
    const config = parseSolverConfig({ SOLVER_HOST: '0.0.0.0', SOLVER_PORT: '0', SOLVER_THREADS: '3', SOLVER_MAX_BATCH: '', SOLVER_MAX_SENSOR_POINTS: '4096' });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, threads: 3, maxBatch: 1000, maxSensorPoints: 4096 });
  });

  it.each([
    [{ SOLVER_PORT: '70000' }, 'SOLVER_PORT'],
    [{ SOLVER_THREADS: '0' }, 'SOLVER_THREADS'],
    [{ SOLVER_THREADS: 'many' }, 'SOLVER_THREADS'],
    [{ SOLVER_MAX_BATCH: '2.5' }, 'SOLVER_MAX_BATCH'],
  ])('rejects %j naming the variable', (env, name) => {
    expect(() => parseSolverConfig(env)).toThrow(name);
  });

  it('rejects a sensor limit whose single map exceeds the response limit', () => {
    expect(() => parseSolverConfig({ SOLVER_MAX_SENSOR_POINTS: '1000000', SOLVER_MAX_RESPONSE_MB: '10' })).toThrow(
      'one map of 1000000 points (12000000 bytes) exceeds SOLVER_MAX_RESPONSE_MB=10',
    );
  });
});
