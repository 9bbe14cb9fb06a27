import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { ScaleResult, ScalerActivities } from '../../../services/scaler/activities';
import { ensureSolverScaling } from '../../../services/scaler/schedule';
import { SOLVER_SCALING_WORKFLOW_ID } from '../../../workflows/types';
import { poll } from '../harness';

describe('solverScalingWorkflow on the real Temporal server', () => {
  it('calls the scaling activity again and again, one interval apart', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Installed by an earlier test file in this process.
    }
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    const connection = await Connection.connect({ address });
    const native = await NativeConnection.connect({ address });
    let calls = 0;
    const result: ScaleResult = { replicas: 1, reason: 'idle', previousReplicas: 1, pendingBatches: 0, inFlightBatches: 0, changed: false };
    // The activity's own behaviour against a real kube-apiserver is covered in scaler.test.ts.
    const activities: ScalerActivities = { sizeSolverPool: async () => (calls++, result) };
    const worker = await Worker.create({
      connection: native,
      taskQueue: 'scaling-test',
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows'), logger: new DefaultLogger('WARN') }),
      activities,
    });
    const client = new Client({ connection });
    try {
      await worker.runUntil(async () => {
        const handle = await client.workflow.start('solverScalingWorkflow', { taskQueue: 'scaling-test', workflowId: `scaling-${Date.now()}`, args: [{ intervalSeconds: 1 }] });
        await poll({ label: 'three scaling rounds', timeoutMs: 30_000, shouldStop: async () => calls >= 3 });
        await handle.terminate('test done');
      });
    } finally {
      await connection.close();
      await native.close();
    }
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('is started once per namespace, however many workers ask', async () => {
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    try {
      await ensureSolverScaling(client, 30);
      const first = await client.workflow.getHandle(SOLVER_SCALING_WORKFLOW_ID).describe();
      await ensureSolverScaling(client, 30);
      const second = await client.workflow.getHandle(SOLVER_SCALING_WORKFLOW_ID).describe();
      expect(second.runId).toBe(first.runId);
      expect(second.status.name).toBe('RUNNING');
      await client.workflow.getHandle(SOLVER_SCALING_WORKFLOW_ID).terminate('test done');
    } finally {
      await connection.close();
    }
  });
});
