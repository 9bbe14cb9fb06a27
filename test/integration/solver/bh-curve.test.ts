// A campaign's own B-H curve travels through the real gRPC solver: the spec's table file becomes
// settings.bh_curve, a pool worker thread solves with it, and the map comes back unchanged.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { expandSimulation, modelSettingsOf, parseCampaignSpec, sensorGridOf, simulationContentHash, type CampaignSpec } from '../../../services/campaign';
import { solveBatch, unpackSignalMap } from '../../../services/solver/client';
import { femModel } from '../../../services/solver/models/fem';
import { solveBatchRequest } from '../../../services/solver/request';
import { SOLVER_NAME, SOLVER_VERSION } from '../../../services/solver/version';
import { startTestSolver } from './helpers';
import type { SolverUnderTest } from './helpers';

const X65 = ['# a line-pipe steel measured in kA/m and T', 'H [kA/m],B [T]', '0,0', '0.15,0.6', '0.5,1.2', '2,1.5', '8,1.72', '20,1.9', '50,2.08'].join('\n');
const specYaml = (material: string): string => `
name: own-steel
count: 4
seed: 7
sampler: sobol
parameters: { wallThickness: 10, defectDepth: { min: 30, max: 60 } }
solver:
  model: fem
  mesh: coarse
  material: ${material}
  sensorGrid: { axialCount: 32, circumferentialCount: 16 }
`;

describe('a custom B-H curve through the gRPC solver', () => {
  let sut: SolverUnderTest;
  let dir: string;
  let own: CampaignSpec;
  let team13: CampaignSpec;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-grpc-'));
    fs.writeFileSync(path.join(dir, 'x65.csv'), `${X65}\n`);
    const parse = (material: string): CampaignSpec => {
      const r = parseCampaignSpec(specYaml(material), 'own-steel.yaml', { baseDir: dir });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.spec;
    };
    own = parse('{ table: x65.csv }');
    team13 = parse('team13');
    sut = await startTestSolver({ threads: 2 });
  });
  afterAll(async () => {
    await sut?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const request = (spec: CampaignSpec, indices: number[]) =>
    solveBatchRequest(spec.solver.model, modelSettingsOf(spec), sensorGridOf(spec), indices.map((index) => ({ index, defect: expandSimulation(spec, index) })));

  it('solves with the table the spec named, bit-identical to solving it in-process', async () => {
    const response = await solveBatch(sut.client, request(own, [0, 1]));
    expect(response.solverName).toBe(SOLVER_NAME);
    for (const [k, result] of response.results.entries()) {
      expect(result.outcome).toBe('signalMap');
      const local = femModel.solve(expandSimulation(own, k), sensorGridOf(own), modelSettingsOf(own));
      const map = unpackSignalMap(result.signalMap!);
      expect(Buffer.from(map.data.buffer).equals(Buffer.from(local.data.buffer))).toBe(true);
    }
  });

  it('gives another map than TEAM 13 for the same defect, under another identity', async () => {
    const [mine, theirs] = await Promise.all([solveBatch(sut.client, request(own, [2])), solveBatch(sut.client, request(team13, [2]))]);
    const a = unpackSignalMap(mine.results[0]!.signalMap!).data;
    const b = unpackSignalMap(theirs.results[0]!.signalMap!).data;
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
      scale = Math.max(scale, Math.abs(b[i]!));
    }
    expect(diff).toBeGreaterThan(0.01 * scale);
    const identity = (spec: CampaignSpec) =>
      simulationContentHash({ solverName: SOLVER_NAME, solverVersion: SOLVER_VERSION, model: 'fem', settings: modelSettingsOf(spec), grid: sensorGridOf(spec), defect: expandSimulation(spec, 2) });
    expect(identity(own)).not.toBe(identity(team13));
  });

  it('treats a request without a curve as TEAM 13, as before the field existed', async () => {
    const old = request(team13, [3]);
    const withoutCurve = { ...old, settings: { model: 'fem', mesh: 'coarse', material: '' } };
    const [a, b] = await Promise.all([solveBatch(sut.client, old), solveBatch(sut.client, withoutCurve)]);
    const map = (r: typeof a) => Buffer.from(unpackSignalMap(r.results[0]!.signalMap!).data.buffer);
    expect(map(a).equals(map(b))).toBe(true);
  });

  it('refuses a bad table with INVALID_ARGUMENT naming the row', async () => {
    const bad = request(own, [0]);
    bad.settings = { ...bad.settings!, bhCurve: { name: 'x65', hAPerM: [0, 150, 500, 400, 8000], bT: [0, 0.6, 1.2, 1.5, 1.72] } };
    const err = await solveBatch(sut.client, bad).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect(err?.code).toBe(status.INVALID_ARGUMENT);
    expect(err?.details).toBe('settings.bh_curve row 4: H must increase from row to row (400 A/m after 500 A/m)');
  });
});
