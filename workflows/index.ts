// Every workflow the worker registers, and the messages clients send them.
export { campaignWorkflow } from './campaign';
export { shardWorkflow } from './shard';
export { retryFailedWorkflow } from './retry-failed';
export { pauseSignal, progressQuery, resumeSignal, setLimitsSignal } from './control';
export { refinementWorkflow, refinementProgressQuery } from './refinement';
export { solverScalingWorkflow } from './solver-scaling';
export { verificationWorkflow } from './verification';
