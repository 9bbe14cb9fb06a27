// Temporal's OpenTelemetry interceptors: the client injects the active span into the workflow's
// headers, the workflow interceptors (bundled into the workflow code, deterministic) continue the
// trace and hand their spans to the worker through the `exporter` sink, and the activity
// interceptor makes each activity's span the active context while it runs.

import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Tracing } from './provider';

/** The workflow-side interceptor module; bundle it with `workflowInterceptorModules`. */
export const WORKFLOW_TRACING_MODULE = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Client interceptors for workflow starts and signals; they use the global API, so they cost nothing while tracing is off. */
export function workflowClientInterceptors(): WorkflowClientInterceptor[] {
  return [new OpenTelemetryWorkflowClientInterceptor()];
}

export interface WorkerTracingOptions {
  interceptors?: WorkerInterceptors;
  sinks?: InjectedSinks<OpenTelemetrySinks>;
}

/** Worker.create options that trace workflows and activities; empty while tracing is off. */
export function workerTracingOptions(tracing: Tracing): WorkerTracingOptions {
  if (!tracing.enabled || !tracing.spanProcessor) return {};
  const { tracer } = tracing;
  return {
    interceptors: {
      workflowModules: [WORKFLOW_TRACING_MODULE],
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
