// The worker's reference solver pools for verification samples, named so that a campaign spec
// can pick one (`verification.pool`) without ever naming an address: which solvers a worker dials,
// and with which TLS settings, stays the operator's decision, whoever submits the spec.
//
// VERIFICATION_SOLVER_POOLS=getdp=10.0.0.7:50061,10.0.0.8:50061;fine=127.0.0.1:50052

import { z } from 'zod';
import { VERIFICATION_POOL_NAME } from '../campaign/constants';
import { SolverPool, type SolverPoolOptions } from './solver-pool';

const ADDRESS = /^[^\s:,;=]+:\d{1,5}$/;

/** `name=host:port,host:port;name2=host:port` -> name -> addresses; every error names the pool and the entry. */
export const verificationPoolsSchema = z
  .string()
  .default('')
  .transform((text, ctx): Map<string, string[]> => {
    const pools = new Map<string, string[]>();
    for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
      const eq = entry.indexOf('=');
      const name = eq < 0 ? '' : entry.slice(0, eq).trim();
      const addresses = eq < 0 ? [] : entry.slice(eq + 1).split(',').map((a) => a.trim()).filter(Boolean);
      const issue = (message: string): void => ctx.addIssue({ code: 'custom', message: `'${entry}': ${message}` });
      if (eq < 0) issue('each pool is name=host:port[,host:port...]; pools are separated by ;');
      else if (!VERIFICATION_POOL_NAME.test(name)) issue(`the pool name '${name}' must be lowercase letters, digits and dashes, at most 63 characters`);
      else if (pools.has(name)) issue(`the pool '${name}' is named twice`);
      else if (addresses.length === 0) issue(`the pool '${name}' needs at least one host:port`);
      else if (addresses.some((a) => !ADDRESS.test(a))) issue(`every address of '${name}' must be host:port (got ${addresses.filter((a) => !ADDRESS.test(a)).join(', ')})`);
      else pools.set(name, addresses);
    }
    return pools;
  });

/** What verification needs of a pool. */
export type VerificationPool = Pick<SolverPool, 'solve' | 'identity'>;

/** One SolverPool per named pool; the caller closes them. */
export function createVerificationPools(pools: ReadonlyMap<string, string[]>, opts: Omit<SolverPoolOptions, 'addresses'>): Map<string, SolverPool> {
  return new Map([...pools].map(([name, addresses]) => [name, new SolverPool({ ...opts, addresses })]));
}
