// The campaign page's parameter table: labels, units and rounding for the stored defect case, and
// keys it does not know shown as stored rather than dropped.

import { paramTable } from '../../../services/dashboard/param-table';

describe('signal map parameter table', () => {
  it('labels, rounds and orders a stored defect case as the spec orders its parameters', () => {
    // As the catalog stores it: the solver's defect case, keys in the order the worker wrote them.
    const params = {
      profile: 'rounded',
      side: 'far',
      defectDepthPercent: 48.2371,
      defectWidthMm: 30.620584547519684,
      defectLengthMm: 12.04999,
      wallThicknessMm: 9.5,
      backgroundFieldKAPerM: 20.349999,
    };
    expect(paramTable(params)).toEqual([
      { key: 'backgroundFieldKAPerM', label: 'Background field', value: '20.3', unit: 'kA/m' },
      { key: 'wallThicknessMm', label: 'Wall thickness', value: '9.5', unit: 'mm' },
      { key: 'defectLengthMm', label: 'Defect length', value: '12.0', unit: 'mm' },
      { key: 'defectWidthMm', label: 'Defect width', value: '30.6', unit: 'mm' },
      { key: 'defectDepthPercent', label: 'Depth', value: '48.2', unit: '% of wall' },
      { key: 'side', label: 'Side', value: 'far side', unit: null },
      { key: 'profile', label: 'Profile', value: 'rounded', unit: null },
    ]);
  });

  it('says near side in words and keeps a side it does not know as stored', () => {
    expect(paramTable({ side: 'near' })).toEqual([{ key: 'side', label: 'Side', value: 'near side (facing the sensors)', unit: null }]);
    expect(paramTable({ side: 'inner', profile: 'conical' })).toEqual([
      { key: 'side', label: 'Side', value: 'inner', unit: null },
      { key: 'profile', label: 'Profile', value: 'conical', unit: null },
    ]);
  });

  it('keeps unknown keys after the known ones, with their raw name and value', () => {
    const rows = paramTable({ corrosionRate: 0.123456, defectWidthMm: 4, coating: 'epoxy', tags: ['a', 1] });
    expect(rows).toEqual([
      { key: 'defectWidthMm', label: 'Defect width', value: '4.0', unit: 'mm' },
      { key: 'corrosionRate', label: 'corrosionRate', value: '0.123456', unit: null },
      { key: 'coating', label: 'coating', value: 'epoxy', unit: null },
      { key: 'tags', label: 'tags', value: '["a",1]', unit: null },
    ]);
  });

  it('names the POF class the catalog records beside the defect, and keeps a class it does not know', () => {
    expect(paramTable({ defectWidthMm: 4, defectClass: 'axial-grooving' })).toEqual([
      { key: 'defectWidthMm', label: 'Defect width', value: '4.0', unit: 'mm' },
      { key: 'defectClass', label: 'POF class', value: 'axial grooving', unit: null },
    ]);
    expect(paramTable({ defectClass: 'crack-like' })).toEqual([{ key: 'defectClass', label: 'POF class', value: 'crack-like', unit: null }]);
  });

  it('shows a known key with a value that is not a finite number as stored, with its unit', () => {
    expect(paramTable({ wallThicknessMm: '12', defectLengthMm: null })).toEqual([
      { key: 'wallThicknessMm', label: 'Wall thickness', value: '12', unit: 'mm' },
      { key: 'defectLengthMm', label: 'Defect length', value: 'null', unit: 'mm' },
    ]);
  });

  it('shows params that are not an object as one raw row', () => {
    expect(paramTable(null)).toEqual([{ key: 'params', label: 'params', value: 'null', unit: null }]);
    expect(paramTable([1, 2])).toEqual([{ key: 'params', label: 'params', value: '[1,2]', unit: null }]);
  });
});
