// W3C trace context across process boundaries the Temporal interceptors don't cover: the worker's
// gRPC call to a solver (metadata) and the Python jobs (TRACEPARENT in their environment).

import * as grpc from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode, context, propagation } from '@opentelemetry/api';
import type { Span, TextMapGetter, TextMapSetter, Tracer } from '@opentelemetry/api';

const metadataSetter: TextMapSetter<grpc.Metadata> = { set: (carrier, key, value) => carrier.set(key, value) };
const metadataGetter: TextMapGetter<grpc.Metadata> = {
  keys: (carrier) => Object.keys(carrier.getMap()),
  get: (carrier, key) => {
    const values = carrier.get(key).map(String);
    return values.length <= 1 ? values[0] : values;
  },
};

/** gRPC metadata carrying the active trace context (empty while tracing is off). */
export function traceMetadata(metadata: grpc.Metadata = new grpc.Metadata()): grpc.Metadata {
  propagation.inject(context.active(), metadata, metadataSetter);
  return metadata;
}

/** TRACEPARENT (and TRACESTATE) of the active span, for a child process's environment; {} when there is none. */
export function traceparentEnv(): { TRACEPARENT?: string; TRACESTATE?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { ...(carrier.traceparent && { TRACEPARENT: carrier.traceparent }), ...(carrier.tracestate && { TRACESTATE: carrier.tracestate }) };
}

/**
 * A gRPC server interceptor that gives each call of `service` a server span named
 * `<prefix>.<Method>`, a child of the trace context in the request metadata.
 */
export function tracingServerInterceptor(tracer: Tracer, opts: { service: string; prefix: string }): grpc.ServerInterceptor {
  return (method, call) => {
    if (!method.path.startsWith(`/${opts.service}/`)) return new grpc.ServerInterceptingCall(call);
    const name = `${opts.prefix}.${method.path.split('/').pop()}`;
    let span: Span | undefined;
    return new grpc.ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, mdNext) {
            const parent = propagation.extract(context.active(), metadata, metadataGetter);
            span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method.path } }, parent);
            mdNext(metadata);
          },
          onCancel() {
            span?.setStatus({ code: SpanStatusCode.ERROR, message: 'cancelled' });
            span?.end();
            span = undefined;
          },
        });
      },
      sendStatus(status, next) {
        span?.setAttribute('rpc.grpc.status_code', status.code);
        if (status.code !== grpc.status.OK) span?.setStatus({ code: SpanStatusCode.ERROR, message: status.details });
        span?.end();
        span = undefined;
        next(status);
      },
    });
  };
}
