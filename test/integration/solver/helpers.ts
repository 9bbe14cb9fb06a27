// A solver on 127.0.0.1:0 with the test models, a generated client over a real channel, and polling.

import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { createSolverClient } from '../../../services/solver/client';
import type { SolverClient } from '../../../services/solver/client';
import { startSolverServer } from '../../../services/solver/server';
import type { RunningSolverServer, SolverServerOptions } from '../../../services/solver/server';
import type { SimulationSpec } from '../../../proto/generated/synthflux/solver/v1/SimulationSpec';

export const TEST_MODELS = path.join(__dirname, 'fixtures', 'test-models.ts');

export interface SolverUnderTest {
  solver: RunningSolverServer;
  client: SolverClient;
  close(): Promise<void>;
}

export async function startTestSolver(options: SolverServerOptions = {}): Promise<SolverUnderTest> {
  const solver = await startSolverServer({ host: '127.0.0.1', port: 0, modelModules: [TEST_MODELS], shutdownGraceMs: 5000, ...options });
  const client = createSolverClient(solver.address);
  return {
    solver,
    client,
    async close() {
      client.close();
      await solver.close(); // tryShutdown, then the worker pool
    },
  };
}

export function spec(index: number, overrides: Partial<SimulationSpec> = {}): SimulationSpec {
  return {
    index,
    contentHash: `sha256:${index}`,
    backgroundFieldKaPerM: 20,
    wallThicknessMm: 10,
    defectLengthMm: 30,
    defectWidthMm: 20,
    defectDepthPercent: 40,
    defectSide: 'DEFECT_SIDE_NEAR',
    defectProfile: 'DEFECT_PROFILE_RECTANGULAR',
    ...overrides,
  };
}

export const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 2, axialCount: 64, circumferentialCount: 32 };

/** Polls until shouldStop() is true; fails with `label` after timeoutMs. */
export async function poll(shouldStop: () => boolean, label: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!shouldStop()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** grpc.health.v1.Health/Check against `address`. */
export function checkHealth(address: string, service: string): Promise<string> {
  const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { health: { v1: { Health: new (address: string, credentials: grpc.ChannelCredentials) => grpc.Client } } };
  };
  const client = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure()) as grpc.Client & {
    Check(request: { service: string }, callback: (err: grpc.ServiceError | null, response?: { status: string }) => void): void;
  };
  return new Promise((resolve, reject) => {
    client.Check({ service }, (err, response) => {
      client.close();
      if (err) reject(err);
      else resolve(response?.status ?? 'UNKNOWN');
    });
  });
}
