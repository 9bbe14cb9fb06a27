import { desiredReplicas, type SizingInput } from '../../../services/scaler/sizing';

const base: SizingInput = { pendingBatches: 0, inFlightBatches: 0, maxParallelBatches: 32, podCapacity: 4, minReplicas: 2, maxReplicas: 50, currentReplicas: 10 };
const size = (overrides: Partial<SizingInput>) => desiredReplicas({ ...base, ...overrides });

describe('desiredReplicas', () => {
  it('scales to the minimum when idle', () => {
    expect(size({})).toEqual({ replicas: 2, reason: 'idle' });
    expect(size({ minReplicas: 0 })).toEqual({ replicas: 0, reason: 'idle' });
  });

  it('sizes to the backlog the workflows can run at once', () => {
    expect(size({ pendingBatches: 20, inFlightBatches: 20 })).toEqual({ replicas: 5, reason: 'backlog' });
    // 1000 batches wait, but only 32 may run at once: 8 pods of 4.
    expect(size({ pendingBatches: 1000, inFlightBatches: 32 })).toEqual({ replicas: 8, reason: 'backlog' });
    expect(size({ pendingBatches: 9, maxParallelBatches: 100 })).toEqual({ replicas: 3, reason: 'backlog' });
  });

  it('stays within the bounds', () => {
    expect(size({ pendingBatches: 10_000, maxParallelBatches: 10_000 })).toEqual({ replicas: 50, reason: 'max' });
    expect(size({ pendingBatches: 1, inFlightBatches: 1 })).toEqual({ replicas: 2, reason: 'min' });
  });

  it('never scales down below what in-flight work occupies', () => {
    // The catalog already counts a cancelled campaign as done, but 13 calls still run.
    expect(size({ pendingBatches: 0, inFlightBatches: 13 })).toEqual({ replicas: 4, reason: 'in-flight' });
    // The bound was lowered under running work: shrink only as the work ends.
    expect(size({ pendingBatches: 40, inFlightBatches: 40, maxReplicas: 3, currentReplicas: 10 })).toEqual({ replicas: 10, reason: 'in-flight' });
    expect(size({ pendingBatches: 40, inFlightBatches: 40, maxReplicas: 3, currentReplicas: 6 })).toEqual({ replicas: 6, reason: 'in-flight' });
    // ...but it never scales up past the bound for it.
    expect(size({ pendingBatches: 40, inFlightBatches: 40, maxReplicas: 3, currentReplicas: 2 })).toEqual({ replicas: 3, reason: 'max' });
  });

  it('treats negative inputs as zero and rejects invalid bounds', () => {
    expect(size({ pendingBatches: -5, inFlightBatches: -1 })).toEqual({ replicas: 2, reason: 'idle' });
    expect(() => size({ minReplicas: 5, maxReplicas: 4 })).toThrow(RangeError);
    expect(() => size({ podCapacity: 0 })).toThrow(RangeError);
  });
});
