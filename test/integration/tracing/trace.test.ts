// One trace from the CLI's submit span through the campaign and shard workflows and the solveBatch
// activity to the solver's SolveBatch span, on the real test servers with an in-memory exporter.

import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { submitCampaign } from '../../../services/control/submit';
import { startSolverServer, SOLVER_SERVICE_NAME, type RunningSolverServer } from '../../../services/solver/server';
import { startTracing, tracingServerInterceptor, workerTracingOptions, workflowClientInterceptors, type Tracing } from '../../../services/tracing';
import { createActivities } from '../../../services/worker/activities';
import { SolverPool } from '../../../services/worker/solver-pool';
import { CAMPAIGN_TASK_QUEUE } from '../../../workflows/types';
import { testSpec } from '../campaign/fixtures';
import { connectTestServers, poll, type TestServers } from '../harness';

describe('OpenTelemetry traces from submit to the solver call', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let servers: TestServers;
  let solver: RunningSolverServer;
  let solverPool: SolverPool;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let rootTraceId: string;
  let rootSpanId: string;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed by an earlier test file in this process.
    }
    tracing = startTracing({ serviceName: 'synthflux-test', env: {}, spanProcessor: new SimpleSpanProcessor(exporter) });
    servers = connectTestServers();
    solver = await startSolverServer({
      host: '127.0.0.1',
      port: 0,
      threads: 2,
      interceptors: [tracingServerInterceptor(tracing.tracer, { service: SOLVER_SERVICE_NAME, prefix: 'solver' })],
    });
    solverPool = new SolverPool({ addresses: [solver.address], callTimeoutMs: 60_000 });
    connection = await Connection.connect({ address: servers.temporalAddress });
    nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
    const client = new Client({ connection, interceptors: { workflow: workflowClientInterceptors() } });
    // Bundled from workflowsPath like services/worker/main.ts, so the workflow interceptor module goes in.
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: CAMPAIGN_TASK_QUEUE,
      workflowsPath: require.resolve('../../../workflows'),
      activities: createActivities({ prisma: servers.prisma, s3: servers.s3, bucket: servers.bucket, solverPool }),
      ...workerTracingOptions(tracing),
    });
    const spec = testSpec('traced', 'count: 6\nseed: 3\nsampler: latin-hypercube\nsolver: { model: dipole, sensorGrid: { axialCount: 8, circumferentialCount: 6 } }\nbatchSize: 3\nshardSize: 1\n');
    const submitted = await tracing.inSpan('synthflux campaign submit', async (span) => {
      rootTraceId = span.spanContext().traceId;
      rootSpanId = span.spanContext().spanId;
      return submitCampaign({ prisma: servers.prisma, temporal: client, bucket: servers.bucket }, spec);
    });
    expect(await worker.runUntil(client.workflow.getHandle(submitted.workflowId).result())).toBe('COMPLETED');
    await poll({ label: 'workflow spans exported', timeoutMs: 10_000, shouldStop: async () => exporter.getFinishedSpans().some((s) => s.name === 'RunWorkflow:campaignWorkflow') });
  });

  afterAll(async () => {
    solverPool?.close();
    await solver?.close();
    await connection?.close();
    await nativeConnection?.close();
    await servers?.prisma.$disconnect();
    await tracing?.shutdown();
  });

  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  // Other test files' campaigns may still be finishing on the same task queue and show up in the
  // exporter under their own traces; this test is about the submit trace.
  const inSubmitTrace = (): ReadableSpan[] => spans().filter((s) => s.spanContext().traceId === rootTraceId);
  const named = (name: string): ReadableSpan[] => inSubmitTrace().filter((s) => s.name === name);
  const parentOf = (span: ReadableSpan): ReadableSpan | undefined => spans().find((s) => s.spanContext().spanId === span.parentSpanId);
  /** Span names from `span` up to the root, nearest first. */
  const ancestry = (span: ReadableSpan): string[] => {
    const names: string[] = [];
    for (let s: ReadableSpan | undefined = parentOf(span); s; s = parentOf(s)) names.push(s.name);
    return names;
  };

  it('puts the client start span, both workflows, the activities and the solver spans into the submit trace', () => {
    for (const name of ['StartWorkflow:campaignWorkflow', 'RunWorkflow:campaignWorkflow', 'StartChildWorkflow:shardWorkflow', 'RunWorkflow:shardWorkflow', 'StartActivity:solveBatch', 'RunActivity:solveBatch', 'solver.SolveBatch']) {
      expect({ name, inSubmitTrace: named(name).length > 0 }).toEqual({ name, inSubmitTrace: true });
    }
    // The campaign has 2 batches: both solver calls belong to the submit trace.
    expect(named('solver.SolveBatch')).toHaveLength(2);
    expect(named('StartWorkflow:campaignWorkflow')[0]!.parentSpanId).toBe(rootSpanId);
  });

  it('chains every SolveBatch span up to the submit span through the activity and the workflows', () => {
    const solveSpans = named('solver.SolveBatch');
    expect(solveSpans).toHaveLength(2);
    for (const span of solveSpans) {
      expect(ancestry(span)).toEqual([
        'RunActivity:solveBatch',
        'StartActivity:solveBatch',
        'RunWorkflow:shardWorkflow',
        'StartChildWorkflow:shardWorkflow',
        'RunWorkflow:campaignWorkflow',
        'StartWorkflow:campaignWorkflow',
        'synthflux campaign submit',
      ]);
    }
  });
});
