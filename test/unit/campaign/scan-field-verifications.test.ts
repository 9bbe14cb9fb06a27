// Field verification campaigns (scan.fieldVerifications): each measured defect once, as scanned, at
// the field of its measurement, on the grid it was measured on; nothing varies.
import { drawRange, loadCampaignSpec, sensorGridOf, type ScanCampaignSpec, type ScanLibrary } from '../../../services/campaign';
import type { DepthMapDefectCase } from '../../../services/domain/defect';
import { lShapedDefect, libraryOf, patchDefect } from './scan-library';

function spec(lines: { count?: number; scan?: string; parameters?: string; grid?: string } = {}): ScanCampaignSpec {
  const s = loadCampaignSpec(
    `
name: fv-test
count: ${lines.count ?? 3}
seed: 5
sampler: scan
scan: { library: lib, fieldVerifications: true${lines.scan ? `, ${lines.scan}` : ''} }
${lines.parameters ? `parameters: { ${lines.parameters} }` : ''}
solver: { model: fem, sensorGrid: ${lines.grid ?? '{ liftOff: 2, axialPitch: 2, circumferentialPitch: 4, axialCount: 16, circumferentialCount: 8 }'} }
`,
    'fv.yaml',
  );
  if (s.sampler !== 'scan') throw new Error('not a scan spec');
  return s;
}

const grid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 16, circumferentialCount: 8 };
const measured = (field: number) => ({ sensorGrid: grid, backgroundFieldKAPerM: field });
// Measured defects c, a, d (given out of id order) and one without a measured map (b).
const library: ScanLibrary = libraryOf('lib', [
  { ...patchDefect(3), id: 'c', measured: measured(30) },
  { ...lShapedDefect('a', { hash: 1, side: 'far', wallThicknessMm: 12 }), measured: measured(12.5) },
  lShapedDefect('b', { hash: 2 }),
  { ...patchDefect(5), id: 'd', measured: measured(21) },
]);

describe('field verification campaigns', () => {
  it('simulate each measured defect once in id order, as scanned, at its measured field, wall and side', () => {
    const draws = drawRange(spec(), 0, 3, { library });
    expect(draws.map((d) => d.scan!.defectId)).toEqual(['a', 'c', 'd']);
    expect(draws.map((d) => d.defect.backgroundFieldKAPerM)).toEqual([12.5, 30, 21]);
    draws.forEach((draw) => {
      const source = library.defects.find((d) => d.id === draw.scan!.defectId)!;
      expect(draw.defect.wallThicknessMm).toBe(source.wallThicknessMm);
      expect(draw.defect.side).toBe(source.side);
      expect(Array.from((draw.defect as DepthMapDefectCase).depthMap.depthsMm)).toEqual(Array.from(source.depthMap.depthsMm));
      expect(draw.scan).toMatchObject({ lengthScale: 1, widthScale: 1, depthScale: 1, mirrorAxial: false, mirrorCircumferential: false, rotated180: false, depthClippedCells: 0 });
    });
  });

  it('hash like before for a scan spec that does not ask for them', () => {
    const plain = loadCampaignSpec('name: s\ncount: 2\nsampler: scan\nscan: { library: lib }\nsolver: { model: fem }\n', 's.yaml');
    expect(plain.sampler === 'scan' && 'fieldVerifications' in plain.scan).toBe(false);
  });

  it('need the count of measured defects, the field of each, and the grid they were measured on', () => {
    expect(() => drawRange(spec({ count: 4 }), 0, 1, { library })).toThrow(/count must be 3, the number of measured defects.*got 4/);
    const noField = libraryOf('lib', [{ ...lShapedDefect('a'), measured: { sensorGrid: grid } }]);
    expect(() => drawRange(spec({ count: 1 }), 0, 1, { library: noField })).toThrow(/defects a have no measured.backgroundFieldKAPerM/);
    const otherGrid = spec({ grid: '{ liftOff: 3, axialPitch: 2, circumferentialPitch: 4, axialCount: 16, circumferentialCount: 8 }' });
    expect(sensorGridOf(otherGrid).liftOffMm).toBe(3);
    expect(() => drawRange(otherGrid, 0, 1, { library })).toThrow(/defect 'a' was measured on sensor grid .*"liftOffMm":2.*must be equal/);
    expect(() => drawRange(spec({ count: 1 }), 0, 1, { library: libraryOf('lib', [lShapedDefect('a')]) })).toThrow(/no defect with a measured map/);
  });

  it('refuse variations and physics the measurement fixes, naming the field', () => {
    expect(() => spec({ scan: 'lengthScale: 2, rotate180: 0.5' })).toThrow(/scan.lengthScale[^\n]*cannot be used: a field verification campaign[\s\S]*scan.rotate180/);
    expect(() => spec({ parameters: 'backgroundField: 20' })).toThrow(/parameters.backgroundField[^\n]*at the field recorded with its measured map/);
    expect(() => spec({ parameters: 'wallThickness: 10' })).toThrow(/parameters.wallThickness[^\n]*must be 'as-scanned' or absent/);
    expect(() => spec({ parameters: 'wallThickness: as-scanned, defectSide: as-scanned' })).not.toThrow();
  });
});

describe('after: the refinement method and its field verifications', () => {
  const withAfter = (after: string) => loadCampaignSpec(`name: a\ncount: 10\nsampler: uniform\nsolver: { model: dipole }\nafter: ${after}\n`, 'after.yaml');

  it('takes a method and a field verification campaign', () => {
    expect(withAfter('{ refinement: true, gapCheck: true, method: autoencoder, fieldVerifications: fv-pairs-300 }').after).toEqual({
      refinement: true,
      gapCheck: true,
      method: 'autoencoder',
      fieldVerifications: 'fv-pairs-300',
    });
    expect(withAfter('{ refinement: true }').after).toEqual({ refinement: true, gapCheck: false });
  });

  it('needs field verifications for a paired method and names what is allowed', () => {
    expect(() => withAfter('{ refinement: true, method: pix2pix }')).toThrow(/after.fieldVerifications[^\n]*is required by method pix2pix/);
    expect(() => withAfter('{ refinement: true, method: cyclegan }')).toThrow(/after.method[^\n]*simgan, pix2pix, autoencoder/);
  });
});
