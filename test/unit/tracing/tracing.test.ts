import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, traceMetadata, traceparentEnv, tracesUrl, tracingConfigSchema } from '../../../services/tracing';

describe('tracing config', () => {
  it('is off without an OTLP endpoint and appends /v1/traces to the base endpoint', () => {
    expect(tracesUrl(tracingConfigSchema.parse({}))).toBeUndefined();
    expect(tracesUrl(tracingConfigSchema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }))).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl(tracingConfigSchema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/t' }))).toBe('http://b:4318/t');
    expect(() => tracingConfigSchema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow();
  });

  it('records nothing and propagates nothing while off', async () => {
    const tracing = startTracing({ serviceName: 'test', env: {} });
    expect(tracing.enabled).toBe(false);
    await tracing.inSpan('x', async () => {
      expect(traceparentEnv()).toEqual({});
      expect(traceMetadata().getMap()).toEqual({});
    });
  });

  it('puts the active span into TRACEPARENT and gRPC metadata while on', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'test', env: {}, spanProcessor: new SimpleSpanProcessor(exporter) });
    try {
      await tracing.inSpan('parent', async (span) => {
        const { traceId, spanId } = span.spanContext();
        expect(traceparentEnv().TRACEPARENT).toBe(`00-${traceId}-${spanId}-01`);
        expect(traceMetadata().get('traceparent')).toEqual([`00-${traceId}-${spanId}-01`]);
      });
      await expect(tracing.inSpan('failing', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(exporter.getFinishedSpans().map((s) => [s.name, s.status.code])).toEqual([['parent', 0], ['failing', 2]]);
    } finally {
      await tracing.shutdown();
    }
    expect(traceparentEnv()).toEqual({});
  });
});
