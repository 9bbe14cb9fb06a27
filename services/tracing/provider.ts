// Builds the process's tracer provider from env: an OTLP/HTTP exporter when
// OTEL_EXPORTER_OTLP_ENDPOINT is set, nothing at all otherwise (the OpenTelemetry API stays a no-op).

import { SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tracesUrl, tracingConfigSchema } from './config';

export const TRACER_NAME = 'synthflux';

export interface Tracing {
  enabled: boolean;
  tracer: Tracer;
  resource: Resource;
  /** Where finished spans go; the worker hands it to the workflow span sink. Undefined when off. */
  spanProcessor?: SpanProcessor;
  /** Runs fn inside an active span that ends (with an error status when fn throws) once fn settles. */
  inSpan<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T>;
  /** Flushes the spans still buffered and unregisters the globals. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces the OTLP exporter and turns tracing on regardless of env (tests: an in-memory exporter). */
  spanProcessor?: SpanProcessor;
}

/** Registers the global tracer provider, context manager and W3C propagator when tracing is on. */
export function startTracing(opts: StartTracingOptions): Tracing {
  const config = tracingConfigSchema.parse(opts.env ?? process.env);
  const resource = new Resource({ 'service.name': config.OTEL_SERVICE_NAME ?? opts.serviceName });
  const url = tracesUrl(config);
  const spanProcessor = opts.spanProcessor ?? (url ? new BatchSpanProcessor(new OTLPTraceExporter({ url })) : undefined);
  if (!spanProcessor) {
    const tracer = trace.getTracer(TRACER_NAME);
    return { enabled: false, tracer, resource, inSpan: (name, fn) => runInSpan(tracer, name, fn), shutdown: async () => undefined };
  }
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable(), propagator: new W3CTraceContextPropagator() });
  const tracer = provider.getTracer(TRACER_NAME);
  let closing: Promise<void> | undefined;
  return {
    enabled: true,
    tracer,
    resource,
    spanProcessor,
    inSpan: (name, fn) => runInSpan(tracer, name, fn),
    shutdown: () =>
      (closing ??= provider
        .shutdown()
        // An unreachable collector loses spans; it must not fail the command or service.
        .catch((err: unknown) => console.warn(`tracing: spans not exported: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          trace.disable();
          context.disable();
          propagation.disable();
        })),
  };
}

async function runInSpan<T>(tracer: Tracer, name: string, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn(span);
    } catch (err: unknown) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
