// Worker-thread entry: loads the models once, then solves one simulation per message.

import { parentPort, workerData } from 'node:worker_threads';
import type { TransferListItem } from 'node:worker_threads';
import { createModelRegistry, loadModelModules } from './models/registry';
import type { ModelRegistry } from './models/registry';
import { runSolveTask } from './solve-task';
import type { TaskMessage, WorkerInit, WorkerMessage } from './solve-task';

function post(message: WorkerMessage, transfer: TransferListItem[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function serve(registry: ModelRegistry): void {
  parentPort?.on('message', ({ id, task }: TaskMessage) => {
    const outcome = runSolveTask(registry, task);
    // Move the map's memory to the main thread instead of copying it, when the map owns its buffer.
    const transfer: TransferListItem[] = [];
    if (outcome.kind === 'map') {
      const { packed } = outcome;
      if (packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength && packed.buffer instanceof ArrayBuffer) {
        transfer.push(packed.buffer);
      }
    }
    post({ type: 'result', id, outcome }, transfer);
  });
}

function start(): void {
  const init = workerData as WorkerInit;
  let registry: ModelRegistry;
  try {
    registry = createModelRegistry(loadModelModules(init.modelModules));
  } catch (err: unknown) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  serve(registry);
  post({ type: 'ready' });
}

start();
