export { startTracing, TRACER_NAME, type StartTracingOptions, type Tracing } from './provider';
export { tracingConfigSchema, tracesUrl, type TracingConfig } from './config';
export { WORKFLOW_TRACING_MODULE, workerTracingOptions, workflowClientInterceptors, type WorkerTracingOptions } from './temporal';
export { traceMetadata, traceparentEnv, tracingServerInterceptor } from './propagation';
