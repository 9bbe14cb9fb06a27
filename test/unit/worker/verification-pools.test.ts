import { parseWorkerConfig } from '../../../services/worker/config';
import { verificationPoolsSchema } from '../../../services/worker/verification-pools';

// The S3 keys the worker needs anyway; not secrets, never used to connect.
const ENV = { S3_ACCESS_KEY: 'test-access', S3_SECRET_KEY: 'test-secret' };

describe('VERIFICATION_SOLVER_POOLS', () => {
  it('is empty by default', () => {
    expect(parseWorkerConfig(ENV).VERIFICATION_SOLVER_POOLS).toEqual(new Map());
  });

  it('reads named pools of host:port addresses', () => {
    const pools = verificationPoolsSchema.parse(' getdp=10.0.0.7:50061, 10.0.0.8:50061 ; fem-fine=127.0.0.1:50052;');
    expect([...pools]).toEqual([
      ['getdp', ['10.0.0.7:50061', '10.0.0.8:50061']],
      ['fem-fine', ['127.0.0.1:50052']],
    ]);
  });

  it.each([
    ['10.0.0.7:50061', /'10.0.0.7:50061': each pool is name=host:port/],
    ['GetDP=10.0.0.7:50061', /the pool name 'GetDP' must be lowercase/],
    ['a=h:1;a=h:2', /the pool 'a' is named twice/],
    ['a=', /the pool 'a' needs at least one host:port/],
    ['a=h:1,nohost', /every address of 'a' must be host:port \(got nohost\)/],
  ])('rejects %j with the entry and what is wrong, under the variable name', (value, message) => {
    expect(() => parseWorkerConfig({ ...ENV, VERIFICATION_SOLVER_POOLS: value })).toThrow(message);
    expect(() => parseWorkerConfig({ ...ENV, VERIFICATION_SOLVER_POOLS: value })).toThrow(/VERIFICATION_SOLVER_POOLS/);
  });
});
