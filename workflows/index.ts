// Every workflow the worker registers.
export { campaignWorkflow, progressQuery } from './campaign';
export { shardWorkflow } from './shard';
