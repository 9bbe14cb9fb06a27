import { MockActivityEnvironment } from '@temporalio/testing';
import { createScalerActivities } from '../../../services/scaler/activities';
import type { ScaleTarget } from '../../../services/scaler/scale-target';
import type { PoolDemand } from '../../../services/scaler/sizing';

class FakeTarget implements ScaleTarget {
  readonly description = 'deployment test/solver';
  patches: number[] = [];
  constructor(public replicas: number) {}
  getReplicas = async (): Promise<number> => this.replicas;
  setReplicas = async (replicas: number): Promise<void> => {
    this.patches.push(replicas);
    this.replicas = replicas;
  };
}

describe('sizeSolverPool', () => {
  const run = async (target: FakeTarget, demand: PoolDemand, localInFlight = 0) => {
    const activities = createScalerActivities({
      target,
      backlog: { demand: async () => demand },
      bounds: { minReplicas: 1, maxReplicas: 20 },
      podCapacity: 2,
      localInFlight: () => localInFlight,
    });
    return new MockActivityEnvironment().run(activities.sizeSolverPool);
  };

  it('patches the replicas only when they change', async () => {
    const target = new FakeTarget(1);
    expect(await run(target, { pendingBatches: 30, inFlightBatches: 8, maxParallelBatches: 8 })).toMatchObject({ replicas: 4, previousReplicas: 1, changed: true, reason: 'backlog' });
    expect(await run(target, { pendingBatches: 30, inFlightBatches: 8, maxParallelBatches: 8 })).toMatchObject({ replicas: 4, changed: false });
    expect(target.patches).toEqual([4]);
  });

  it("counts this worker's own in-flight calls as a floor", async () => {
    const target = new FakeTarget(6);
    expect(await run(target, { pendingBatches: 0, inFlightBatches: 0, maxParallelBatches: 0 }, 9)).toMatchObject({ replicas: 5, reason: 'in-flight', inFlightBatches: 9 });
  });

  it('scales to the minimum when idle', async () => {
    const target = new FakeTarget(7);
    expect(await run(target, { pendingBatches: 0, inFlightBatches: 0, maxParallelBatches: 32 })).toMatchObject({ replicas: 1, reason: 'idle' });
  });
});
