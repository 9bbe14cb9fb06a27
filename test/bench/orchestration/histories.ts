import type { Client } from '@temporalio/client';

/** The largest number of history events of any workflow run on the server, and how many runs there were. */
export async function largestHistory(client: Client): Promise<{ runs: number; maxEvents: number; workflowId: string }> {
  let runs = 0;
  let max = { maxEvents: 0, workflowId: '' };
  for await (const execution of client.workflow.list()) {
    runs++;
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const events = history.events?.length ?? 0;
    if (events > max.maxEvents) max = { maxEvents: events, workflowId: execution.workflowId };
  }
  return { runs, ...max };
}
