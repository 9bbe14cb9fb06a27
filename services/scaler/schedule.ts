import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { CAMPAIGN_TASK_QUEUE, SOLVER_SCALING_WORKFLOW_ID } from '../../workflows/types';
import type { solverScalingWorkflow } from '../../workflows/solver-scaling';

/**
 * Makes sure one solverScalingWorkflow runs for the namespace. Every Kubernetes-mode worker calls
 * this at start; the fixed workflow id means the first one starts it and the others find it running.
 */
export async function ensureSolverScaling(client: Client, intervalSeconds: number): Promise<void> {
  try {
    await client.workflow.start<typeof solverScalingWorkflow>('solverScalingWorkflow', {
      taskQueue: CAMPAIGN_TASK_QUEUE,
      workflowId: SOLVER_SCALING_WORKFLOW_ID,
      args: [{ intervalSeconds }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
