// Simulated solver endpoints for the scale-out benchmark: N real gRPC servers on loopback, each
// serving one SolveBatch at a time that answers after a fixed latency with zero maps.
// Usage: tsx fixed-latency-solvers.ts COUNT LATENCY_MS  (prints the addresses, one line, comma-separated)

import * as grpc from '@grpc/grpc-js';
import { loadSolverProto } from '../../../proto/load';
import type { SolverHandlers } from '../../../proto/generated/synthflux/solver/v1/Solver';
import { packSignalMap } from '../../../services/solver/signal-map';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 256);
  const latencyMs = Number(process.argv[3] ?? 5000);
  const proto = loadSolverProto();
  const addresses: string[] = [];
  for (let k = 0; k < count; k++) {
    const server = new grpc.Server();
    const handlers: SolverHandlers = {
      Info: (_call, callback) => {
        callback(null, { name: 'fixed-latency', version: String(latencyMs), models: [{ name: 'instant' }], limits: { maxBatchSize: 10000, maxConcurrentRequests: 1 } });
      },
      SolveBatch: (call, callback) => {
        const { grid, simulations } = call.request;
        setTimeout(() => {
          const map = packSignalMap(new Float32Array(3 * grid!.axialCount * grid!.circumferentialCount), grid!.axialCount, grid!.circumferentialCount);
          callback(null, {
            solverName: 'fixed-latency',
            solverVersion: String(latencyMs),
            results: simulations.map((s) => ({ index: s.index, signalMap: map, stats: { wallTimeMs: latencyMs / simulations.length } })),
          });
        }, latencyMs);
      },
    };
    server.addService(proto.synthflux.solver.v1.Solver.service, handlers);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    addresses.push(`127.0.0.1:${port}`);
  }
  console.log(addresses.join(','));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
