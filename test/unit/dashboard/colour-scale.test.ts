// The heatmaps' colour scales and the colour bar beside each: range, ticks and colours in mT (signal
// maps) and mm (depth maps), the same function for cells and bar, and maps that are flat or have
// no finite value.

import { barColour, colourBar, depthColourBar, divergingColour, sequentialColour, symmetricLimit } from '../../../services/dashboard/colour-scale';

describe('heatmap colour scale', () => {
  it('is blue-white-red, symmetric about zero, clamped beyond the limit', () => {
    expect(divergingColour(0, 2)).toBe('rgb(255,255,255)');
    expect(divergingColour(2, 2)).toBe('rgb(255,0,0)');
    expect(divergingColour(-2, 2)).toBe('rgb(0,0,255)');
    expect(divergingColour(1, 2)).toBe('rgb(255,128,128)');
    expect(divergingColour(-5, 2)).toBe('rgb(0,0,255)');
  });

  it('the limit is the largest |value|, ignoring NaN rows', () => {
    expect(symmetricLimit([0.1e-3, -0.7e-3, NaN, 0.3e-3])).toBe(0.7e-3);
    expect(symmetricLimit([NaN])).toBe(0);
  });
});

describe('colour bar', () => {
  it('spans -limit to +limit in mT with round ticks, and knows the data range', () => {
    const bar = colourBar(new Float32Array([-0.42e-3, 0.734e-3, 0.1e-3]));
    expect(bar.unit).toBe('mT');
    expect(bar.limit).toBeCloseTo(0.734e-3, 9);
    expect(bar.min).toBeCloseTo(-0.734, 6);
    expect(bar.max).toBeCloseTo(0.734, 6);
    expect([bar.minLabel, bar.maxLabel]).toEqual(['-0.734', '0.734']);
    expect(bar.dataMin).toBeCloseTo(-0.42, 6);
    expect(bar.dataMax).toBeCloseTo(0.734, 6);
    expect(bar.ticks).toEqual([{ value: -0.5, label: '-0.5' }, { value: 0, label: '0' }, { value: 0.5, label: '0.5' }]);
  });

  it('its gradient stops are the heatmap colours at -limit, 0 and +limit', () => {
    const values = [-3e-3, 1e-3, 2.5e-3];
    const bar = colourBar(values);
    expect(bar.ticks.map((t) => t.value)).toEqual([-2, 0, 2]);
    expect([bar.minLabel, bar.maxLabel]).toEqual(['-3', '3']);
    expect(bar.stops).toEqual([
      { at: 0, colour: divergingColour(-3e-3, bar.limit) },
      { at: 0.5, colour: divergingColour(0, bar.limit) },
      { at: 1, colour: divergingColour(3e-3, bar.limit) },
    ]);
    expect(bar.stops.map((s) => s.colour)).toEqual(['rgb(0,0,255)', 'rgb(255,255,255)', 'rgb(255,0,0)']);
  });

  it('a flat non-zero map (min == max) still has a range: the scale is symmetric about zero', () => {
    const bar = colourBar([0.5e-3, 0.5e-3, 0.5e-3]);
    expect(bar.dataMin).toBeCloseTo(0.5, 9);
    expect(bar.dataMax).toBeCloseTo(0.5, 9);
    expect(bar.min).toBeCloseTo(-0.5, 9);
    expect(bar.max).toBeCloseTo(0.5, 9);
    expect(bar.ticks.map((t) => t.value)).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect([bar.minLabel, bar.maxLabel]).toEqual(['-0.5', '0.5']);
  });

  it('a map that is zero everywhere has one tick at 0 and is white throughout', () => {
    const bar = colourBar([0, 0, 0, 0]);
    expect(bar).toEqual({
      scale: 'diverging', limit: 0, unit: 'mT', min: 0, max: 0, minLabel: '0', maxLabel: '0', dataMin: 0, dataMax: 0,
      ticks: [{ value: 0, label: '0' }],
      stops: [{ at: 0, colour: 'rgb(255,255,255)' }, { at: 0.5, colour: 'rgb(255,255,255)' }, { at: 1, colour: 'rgb(255,255,255)' }],
    });
  });

  it('a weak map keeps three significant digits at its ends', () => {
    const bar = colourBar([1.234e-7, -2e-8]);
    expect([bar.minLabel, bar.maxLabel]).toEqual(['-0.000123', '0.000123']);
    expect(bar.ticks.map((t) => t.label)).toEqual(['-0.00010', '-0.00005', '0', '0.00005', '0.00010']);
  });

  it('a failed simulation (all NaN) has no data range', () => {
    const bar = colourBar([NaN, NaN]);
    expect([bar.dataMin, bar.dataMax, bar.min, bar.max]).toEqual([null, null, 0, 0]);
  });
});

describe('depth map colour bar (mm)', () => {
  it('is white at 0 and dark brown at the limit, through orange, clamped; grey where there is no value', () => {
    expect(sequentialColour(0, 4)).toBe('rgb(255,255,255)');
    expect(sequentialColour(2, 4)).toBe('rgb(253,174,97)');
    expect(sequentialColour(4, 4)).toBe('rgb(127,39,4)');
    expect(sequentialColour(1, 4)).toBe('rgb(254,215,176)');
    expect(sequentialColour(9, 4)).toBe('rgb(127,39,4)');
    expect(sequentialColour(-1, 4)).toBe('rgb(255,255,255)');
    expect(sequentialColour(Number.NaN, 4)).toBe('rgb(220,220,220)');
  });

  it('spans 0 to the deepest cell in mm with round ticks; its stops are the cells\' colours', () => {
    const values = [0, 0.4, 3.62, 1.7, Number.NaN];
    const bar = depthColourBar(values);
    expect(bar).toMatchObject({ scale: 'sequential', unit: 'mm', limit: 3.62, min: 0, max: 3.62, minLabel: '0', maxLabel: '3.62', dataMin: 0, dataMax: 3.62 });
    expect(bar.ticks.map((t) => t.label)).toEqual(['0', '1', '2', '3']);
    expect(bar.stops).toEqual([0, 0.5, 1].map((at) => ({ at, colour: barColour(bar, at * 3.62) })));
    expect(barColour(bar, 3.62)).toBe(sequentialColour(3.62, 3.62));
  });

  it('a map without metal loss is white with one tick at 0; one without values has no data range', () => {
    const flat = depthColourBar([0, 0, 0]);
    expect([flat.limit, flat.maxLabel, flat.ticks, flat.stops.map((s) => s.colour)]).toEqual([0, '0', [{ value: 0, label: '0' }], ['rgb(255,255,255)', 'rgb(255,255,255)', 'rgb(255,255,255)']]);
    const none = depthColourBar([Number.NaN]);
    expect([none.dataMin, none.dataMax, none.max]).toEqual([null, null, 0]);
  });

  it('the signal maps\' bar colours cells with the diverging scale', () => {
    const bar = colourBar([-2e-3, 1e-3]);
    expect(barColour(bar, -2e-3)).toBe(divergingColour(-2e-3, bar.limit));
    expect(barColour(bar, 1e-3)).toBe('rgb(255,128,128)');
  });
});
