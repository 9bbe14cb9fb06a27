export { createSubscriptionsClient, authMetadata, getCampaign, getDataset, listCampaigns, type SubscriptionsClient } from './client';
export { watchBatches, type BatchEvent, type WatchBatchesOptions } from './watch';
export { readBatchArrays, ChecksumMismatchError, isChecksumMismatch, type BatchArrays } from './arrays';
export { backoffDelay, isRetryable, grpcCode, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
