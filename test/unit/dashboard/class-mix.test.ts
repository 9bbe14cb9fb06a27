// The campaign page's POF class mix: the standard's order, shares of the cataloged simulations, the
// spec's quotas beside them, and classes with neither left out.

import { classMix } from '../../../services/dashboard/class-mix';

describe('POF class mix', () => {
  it('orders classes as the standard does and gives each its share and quota', () => {
    expect(classMix({ pinhole: 25, general: 75 }, { general: 0.7, pitting: 0.1, pinhole: 0.2 })).toEqual([
      { defectClass: 'general', count: 75, share: 0.75, quota: 0.7 },
      { defectClass: 'pitting', count: 0, share: 0, quota: 0.1 },
      { defectClass: 'pinhole', count: 25, share: 0.25, quota: 0.2 },
    ]);
  });

  it('shows simulations cataloged before classes as unknown, after the classes, and no quota column without quotas', () => {
    expect(classMix({ unknown: 1, 'axial-grooving': 3 }, null)).toEqual([
      { defectClass: 'axial-grooving', count: 3, share: 0.75, quota: null },
      { defectClass: 'unknown', count: 1, share: 0.25, quota: null },
    ]);
  });

  it('is empty for a campaign with nothing cataloged and no quotas', () => {
    expect(classMix({}, null)).toEqual([]);
  });
});
