// Signal map axes in mm: the sensors where the solver puts them (centred on the defect), the
// heatmap's cell edges, and round ticks.

import { channelInfo, mapAxes, sensorAxis } from '../../../services/dashboard/map-axes';
import { niceStep, stepDecimals, ticksBetween } from '../../../services/dashboard/ticks';

describe('signal map axes', () => {
  it('an even count straddles the defect: no sensor at 0, half a pitch either side', () => {
    const axis = sensorAxis('axial position', 4, 2);
    expect(axis.positionsMm).toEqual([-3, -1, 1, 3]);
    expect(axis.minMm).toBe(-4);
    expect(axis.maxMm).toBe(4);
    expect(axis.ticks).toEqual([
      { value: -3, label: '-3' }, { value: -2, label: '-2' }, { value: -1, label: '-1' }, { value: 0, label: '0' },
      { value: 1, label: '1' }, { value: 2, label: '2' }, { value: 3, label: '3' },
    ]);
  });

  it('an odd count has its middle sensor over the defect', () => {
    const axis = sensorAxis('circumferential position', 5, 1.5);
    expect(axis.positionsMm).toEqual([-3, -1.5, 0, 1.5, 3]);
    expect(axis.minMm).toBe(-3.75);
    expect(axis.maxMm).toBe(3.75);
    expect(axis.ticks.map((t) => t.value)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('the default grid (64 x 2 mm axial, 32 x 4 mm circumferential) gets round ticks', () => {
    const axes = mapAxes({ liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 64, circumferentialCount: 32 });
    expect(axes.liftOffMm).toBe(2);
    expect(axes.axial.positionsMm).toHaveLength(64);
    expect(axes.axial.positionsMm[0]).toBe(-63);
    expect(axes.axial.positionsMm[63]).toBe(63);
    expect([axes.axial.minMm, axes.axial.maxMm]).toEqual([-64, 64]);
    expect(axes.axial.ticks.map((t) => t.label)).toEqual(['-60', '-40', '-20', '0', '20', '40', '60']);
    expect(axes.circumferential.positionsMm[0]).toBe(-62);
    expect([axes.circumferential.minMm, axes.circumferential.maxMm]).toEqual([-64, 64]);
    expect(axes.circumferential.ticks.map((t) => t.value)).toEqual([-60, -40, -20, 0, 20, 40, 60]);
    expect(axes.circumferential.title).toBe('circumferential position');
    expect(axes.axial.unit).toBe('mm');
  });

  it('a single sensor is one cell at 0 with one tick', () => {
    const axis = sensorAxis('axial position', 1, 2);
    expect(axis.positionsMm).toEqual([0]);
    expect([axis.minMm, axis.maxMm]).toEqual([-1, 1]);
    expect(axis.ticks).toEqual([{ value: 0, label: '0' }]);
  });

  it('names the channels with their direction and mT', () => {
    expect(channelInfo(3)).toEqual([
      { name: 'Bx', direction: 'axial', unit: 'mT' },
      { name: 'By', direction: 'circumferential', unit: 'mT' },
      { name: 'Bz', direction: 'radial', unit: 'mT' },
    ]);
    expect(channelInfo(1).map((c) => c.name)).toEqual(['Bx']);
  });
});

describe('round ticks', () => {
  it('steps are the smallest 1, 2 or 5 times a power of ten that fit the ticks in', () => {
    expect(niceStep(-23, 23, 7)).toBe(10);
    expect(niceStep(-63, 63, 7)).toBe(20);
    expect(niceStep(-3, 3, 7)).toBe(1);
    expect(niceStep(-0.734, 0.734, 5)).toBe(0.5);
    expect(niceStep(-3, 3, 5)).toBe(2);
    expect(niceStep(0.5, 0.5, 5)).toBe(0);
    expect(stepDecimals(0.5)).toBe(1);
    expect(stepDecimals(0.01)).toBe(2);
    expect(stepDecimals(20)).toBe(0);
  });

  it('ticks are exact multiples of the step, without float noise or -0', () => {
    expect(ticksBetween(-0.35, 0.35, 0.1)).toEqual([
      { value: -0.3, label: '-0.3' }, { value: -0.2, label: '-0.2' }, { value: -0.1, label: '-0.1' }, { value: 0, label: '0' },
      { value: 0.1, label: '0.1' }, { value: 0.2, label: '0.2' }, { value: 0.3, label: '0.3' },
    ]);
    expect(Object.is(ticksBetween(-0, 0, 0)[0]!.value, 0)).toBe(true);
  });
});
