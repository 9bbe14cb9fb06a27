// Identity of this solver; part of every simulation's content hash, so bump the version whenever a
// model's output changes for the same inputs.
export const SOLVER_NAME = 'synthflux-solver';
export const SOLVER_VERSION = '0.3.0';
