import { contentHashes, defectContentHash } from '../../../services/library/content-hash';
import { validateLibrary } from '../../../services/library/validate';
import type { LibraryDefect } from '../../../services/library/types';
import { PIT, meta, sourceOf } from './fixtures';

describe('library content hashes', () => {
  const base = validateLibrary(sourceOf([{ meta: meta('H-1'), a: 4, c: 3, values: PIT }])).content;
  const d = base.defects[0]!;
  const changed = (over: Partial<LibraryDefect>) => defectContentHash({ ...d, ...over });

  it('changes with every part of a defect: depths, metadata and measured map', () => {
    const h = defectContentHash(d);
    const deeper = Float32Array.from(d.grid.depthsMm, (v, k) => (k === 4 ? v + 0.01 : v));
    expect(changed({ grid: { ...d.grid, depthsMm: deeper } })).not.toBe(h);
    expect(changed({ grid: { ...d.grid, axialPitchMm: 1.5 } })).not.toBe(h);
    expect(changed({ wallThicknessMm: 11 })).not.toBe(h);
    expect(changed({ side: 'near' })).not.toBe(h);
    expect(changed({ id: 'H-2' })).not.toBe(h);
    const sensorGrid = { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 1, circumferentialCount: 1 };
    expect(changed({ measured: { sensorGrid, tesla: new Float32Array(3) } })).not.toBe(h);
    expect(changed({ grid: { ...d.grid, depthsMm: Float32Array.from(d.grid.depthsMm) } })).toBe(h);
  });

  it('a library hash covers its defects in order and the STAND-IN flag, not the description', () => {
    const two = validateLibrary(sourceOf([{ meta: meta('H-1'), a: 4, c: 3, values: PIT }, { meta: meta('H-2'), a: 1, c: 1, values: [1] }])).content;
    const swapped = { ...two, defects: [two.defects[1]!, two.defects[0]!] };
    expect(contentHashes(swapped).library).not.toBe(contentHashes(two).library);
    expect(contentHashes({ ...two, standIn: true }).library).not.toBe(contentHashes(two).library);
    expect(contentHashes(two).library).toMatch(/^[0-9a-f]{64}$/);
  });
});
