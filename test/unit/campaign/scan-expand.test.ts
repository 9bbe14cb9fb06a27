import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import {
  MAX_SCAN_LOSS_FRACTION,
  canonicalJson,
  drawRange,
  drawSimulation,
  expandRange,
  expandSimulation,
  loadCampaignSpec,
  sensorGridOf,
  toParamVector,
  type ScanCampaignSpec,
  type ScanLibrary,
  type SimulationDraw,
} from '../../../services/campaign';
import { expansionOf, type CampaignContext } from '../../../services/campaign/context';
import type { DepthMapDefectCase } from '../../../services/domain/defect';
import { lossExtent, mirrorDepthMap, rotateDepthMap180 } from '../../../services/domain/depth-map';
import { toSimulationRow } from '../../../services/worker/activities/simulation-outcomes';
import { lShapedDefect, libraryOf, patchLibrary } from './scan-library';

function scanSpecOf(yaml: string): ScanCampaignSpec {
  const spec = loadCampaignSpec(yaml, 'scan.yaml');
  if (spec.sampler !== 'scan') throw new Error('not a scan spec');
  return spec;
}

/** A scan campaign of `count` simulations on library `lib` with the given scan and parameters lines. */
function scan(opts: { count?: number; seed?: number; scan?: string; parameters?: string }): ScanCampaignSpec {
  return scanSpecOf(`
name: scan-test
count: ${opts.count ?? 100}
seed: ${opts.seed ?? 3}
sampler: scan
scan: { library: lib${opts.scan ? `, ${opts.scan}` : ''} }
${opts.parameters ? `parameters: { ${opts.parameters} }` : ''}
solver: { model: fem }
`);
}

const depthMapOf = (d: SimulationDraw) => (d.defect as DepthMapDefectCase).depthMap;
const depthsOf = (d: SimulationDraw) => Array.from(depthMapOf(d).depthsMm);

const lShaped = libraryOf('lib', [lShapedDefect('a', { hash: 1 }), lShapedDefect('b', { depthMm: 5, wallThicknessMm: 12, side: 'far', hash: 2 })]);
const patches = { ...patchLibrary('lib', 13) };

describe('scan sampler: determinism', () => {
  const spec = scan({ count: 300, scan: 'lengthScale: { min: 0.5, max: 2 }, depthScale: { min: 0.5, max: 1.2 }, mirror: { axial: 0.5, circumferential: 0.3 }, rotate180: 0.2', parameters: 'wallThickness: { min: 6, max: 16 }, defectSide: { values: [near, far] }' });

  it('gives the same draw for the same (spec, seed, i), in any order and across calls', () => {
    const forward = drawRange(spec, 0, 300, { library: patches });
    for (const i of [299, 7, 150, 0, 77, 13, 26]) expect(drawSimulation(spec, i, { library: patches })).toEqual(forward[i]);
    expect(drawRange(spec, 120, 40, { library: patches })).toEqual(forward.slice(120, 160));
    expect(expandRange(spec, 0, 300, { library: patches })).toEqual(forward.map((d) => d.defect));
    expect(expandSimulation(spec, 42, { library: patches })).toEqual(forward[42]!.defect);
  });

  it('does not depend on the order the loader returns the defects in', () => {
    const reversed: ScanLibrary = { ...patches, defects: [...patches.defects].reverse() };
    expect(drawRange(spec, 0, 60, { library: reversed })).toEqual(drawRange(spec, 0, 60, { library: patches }));
  });

  it('gives other draws for another seed', () => {
    const other = { ...spec, seed: 4 };
    expect(drawRange(other, 0, 30, { library: patches }).map((d) => d.scan)).not.toEqual(drawRange(spec, 0, 30, { library: patches }).map((d) => d.scan));
  });

  it('uses every library defect once in each run of n consecutive indices from a multiple of n', () => {
    const n = patches.defects.length;
    const ids = drawRange(spec, 0, 300, { library: patches }).map((d) => d.scan!.defectId);
    const all = patches.defects.map((d) => d.id).sort();
    for (let k = 0; k + n <= 300; k += n) expect(ids.slice(k, k + n).sort()).toEqual(all);
    // Not the same order each cycle.
    expect(ids.slice(0, n)).not.toEqual(ids.slice(n, 2 * n));
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it('draws values within their ranges and meets each probability over the campaign', () => {
    const draws = drawRange(spec, 0, 300, { library: patches });
    for (const { scan: t, defect } of draws) {
      expect(t!.lengthScale).toBeGreaterThanOrEqual(0.5);
      expect(t!.lengthScale).toBeLessThanOrEqual(2);
      expect(t!.widthScale).toBe(1);
      expect(defect.wallThicknessMm).toBeGreaterThanOrEqual(6);
      expect(defect.wallThicknessMm).toBeLessThanOrEqual(16);
      expect(defect.backgroundFieldKAPerM).toBeGreaterThanOrEqual(10);
      expect(defect.backgroundFieldKAPerM).toBeLessThanOrEqual(35);
      expect(defect.defectDepthPercent).toBeLessThanOrEqual(100 * MAX_SCAN_LOSS_FRACTION + 1e-9);
      expect(t!.wallThicknessMm).toBe(defect.wallThicknessMm);
    }
    // A Latin hypercube: a probability p sets its flag in p x count of the simulations, to one.
    const share = (f: (d: SimulationDraw) => boolean) => draws.filter(f).length;
    expect(Math.abs(share((d) => d.scan!.mirrorAxial) - 150)).toBeLessThanOrEqual(1);
    expect(Math.abs(share((d) => d.scan!.mirrorCircumferential) - 90)).toBeLessThanOrEqual(1);
    expect(Math.abs(share((d) => d.scan!.rotated180) - 60)).toBeLessThanOrEqual(1);
    expect(Math.abs(share((d) => d.defect.side === 'far') - 150)).toBeLessThanOrEqual(1);
  });
});

describe('scan sampler: what a variation does to the map', () => {
  const source = lShaped.defects[0]!;
  const scanned = lossExtent(source.depthMap);
  /** Every simulation of a 2-defect campaign that drew defect 'a'. */
  const drawsOfA = (spec: ScanCampaignSpec) => drawRange(spec, 0, spec.count, { library: lShaped }).filter((d) => d.scan!.defectId === 'a');

  it('keeps the defect as scanned by default', () => {
    const [d] = drawsOfA(scan({ count: 2 }));
    expect(depthsOf(d!)).toEqual(Array.from(source.depthMap.depthsMm));
    expect(d!.defect).toMatchObject({ profile: 'depth-map', wallThicknessMm: 10, side: 'near', defectLengthMm: 6, defectWidthMm: 8, defectDepthPercent: 40 });
    expect(d!.scan).toMatchObject({ lengthScale: 1, widthScale: 1, depthScale: 1, depthFactor: 1, mirrorAxial: false, mirrorCircumferential: false, rotated180: false, depthClippedCells: 0 });
  });

  it('length scale 2 doubles the loss length, width scale 2 the width; depth scale 0.5 halves the deepest cell', () => {
    const [d] = drawsOfA(scan({ count: 2, scan: 'lengthScale: 2, widthScale: 2, depthScale: 0.5' }));
    const extent = lossExtent(depthMapOf(d!));
    expect(extent.lengthMm).toBeCloseTo(2 * scanned.lengthMm, 12);
    expect(extent.widthMm).toBeCloseTo(2 * scanned.widthMm, 12);
    expect(extent.maxDepthMm).toBeCloseTo(scanned.maxDepthMm / 2, 12);
    expect(d!.defect.defectLengthMm).toBeCloseTo(12, 12);
    expect(d!.defect.defectWidthMm).toBeCloseTo(16, 12);
    expect(d!.defect.defectDepthPercent).toBeCloseTo(20, 12);
  });

  it('scales the depths with the wall, keeping the metal-loss fraction (times the depth scale)', () => {
    const [d] = drawsOfA(scan({ count: 2, scan: 'depthScale: 1.5', parameters: 'wallThickness: 5' }));
    // 4 mm of a 10 mm wall: 40 %; on a 5 mm wall at depth scale 1.5: 60 %, 3 mm.
    expect(d!.defect.defectDepthPercent).toBeCloseTo(60, 12);
    expect(lossExtent(depthMapOf(d!)).maxDepthMm).toBeCloseTo(3, 12);
    expect(d!.scan).toMatchObject({ depthScale: 1.5, depthFactor: 0.75, scannedWallThicknessMm: 10, wallThicknessMm: 5 });
  });

  it('cuts cells deeper than 95 % of the wall and counts them', () => {
    const [d] = drawsOfA(scan({ count: 2, scan: 'depthScale: 2.7' }));
    // 2.7 x the deepest cells 4, 3.6, 3.2 mm of a 10 mm wall: 10.8, 9.72, 8.64 mm; 9.5 mm caps two.
    expect(lossExtent(depthMapOf(d!)).maxDepthMm).toBeCloseTo(9.5, 12);
    expect(d!.defect.defectDepthPercent).toBeCloseTo(95, 12);
    expect(d!.scan!.depthClippedCells).toBe(2);
  });

  it('applies the mirrors and the 180 degree turn the flags say', () => {
    const [axial] = drawsOfA(scan({ count: 2, scan: 'mirror: { axial: 1 }' }));
    expect(axial!.scan).toMatchObject({ mirrorAxial: true, mirrorCircumferential: false, rotated180: false });
    expect(depthsOf(axial!)).toEqual(Array.from(mirrorDepthMap(source.depthMap, 'axial').depthsMm));
    const [circumferential] = drawsOfA(scan({ count: 2, scan: 'mirror: { circumferential: 1 }' }));
    expect(depthsOf(circumferential!)).toEqual(Array.from(mirrorDepthMap(source.depthMap, 'circumferential').depthsMm));
    const [turned] = drawsOfA(scan({ count: 2, scan: 'rotate180: 1' }));
    expect(turned!.scan!.rotated180).toBe(true);
    expect(depthsOf(turned!)).toEqual(Array.from(rotateDepthMap180(source.depthMap).depthsMm));
    expect(depthsOf(turned!)).not.toEqual(Array.from(source.depthMap.depthsMm));
    // Both mirrors and a turn: the defect as scanned.
    const [all] = drawsOfA(scan({ count: 2, scan: 'mirror: { axial: 1, circumferential: 1 }, rotate180: 1' }));
    expect(depthsOf(all!)).toEqual(Array.from(source.depthMap.depthsMm));
  });

  it('puts the defect on its scanned side, or the side the spec gives', () => {
    const asScanned = drawRange(scan({ count: 2 }), 0, 2, { library: lShaped });
    expect(asScanned.map((d) => [d.scan!.defectId, d.defect.side, d.scan!.scannedSide]).sort()).toEqual([['a', 'near', 'near'], ['b', 'far', 'far']]);
    const far = drawRange(scan({ count: 2, parameters: 'defectSide: far' }), 0, 2, { library: lShaped });
    expect(far.map((d) => d.defect.side)).toEqual(['far', 'far']);
    expect(far.find((d) => d.scan!.defectId === 'a')!.scan).toMatchObject({ side: 'far', scannedSide: 'near' });
  });

  it('never changes the library', () => {
    const before = Array.from(source.depthMap.depthsMm);
    drawRange(scan({ count: 20, scan: 'depthScale: 3, mirror: { axial: 0.5 }, rotate180: 0.5' }), 0, 20, { library: lShaped });
    expect(Array.from(source.depthMap.depthsMm)).toEqual(before);
  });
});

describe('scan sampler: the library it needs', () => {
  const spec = scan({ count: 10 });

  it('refuses to expand without the library, or with another one', () => {
    expect(() => expandSimulation(spec, 0)).toThrow("campaign 'scan-test' uses the scan sampler: expanding it needs scan library 'lib' loaded");
    expect(() => expandSimulation(spec, 0, { library: { ...lShaped, name: 'other' } })).toThrow("campaign 'scan-test' draws from scan library 'lib', not 'other'");
    expect(() => expandSimulation(spec, 10, { library: lShaped })).toThrow(RangeError);
  });

  it('refuses a library other than the pinned content', () => {
    const pinned = scan({ count: 10, scan: `libraryContentHash: '${'f'.repeat(64)}'` });
    expect(() => expandSimulation(pinned, 0, { library: lShaped })).toThrow(/pins scan library 'lib' at content hash f{64}, but the library has 0+abc \(it was imported again\)/);
    expect(expandSimulation(pinned, 0, { library: { ...lShaped, contentHash: 'f'.repeat(64) } }).profile).toBe('depth-map');
  });

  it('names the defect and the field of a library it cannot use', () => {
    const a = lShaped.defects[0]!;
    const bad = (defects: ScanLibrary['defects']) => () => expandSimulation(spec, 0, { library: libraryOf('lib', defects) });
    expect(bad([])).toThrow("scan library 'lib' has no defects");
    expect(bad([a, a])).toThrow("scan library 'lib' has defect id 'a' twice");
    expect(bad([{ ...a, wallThicknessMm: 0 }])).toThrow("scan library 'lib', defect 'a' (defects[0]): wallThicknessMm must be a positive number of mm (got 0)");
    expect(bad([{ ...a, depthMap: { ...a.depthMap, depthsMm: [1, 2] } }])).toThrow(
      "scan library 'lib', defect 'a' (defects[0]): depthMap.depthsMm has 2 values, not axialCount x circumferentialCount = 80",
    );
    expect(bad([{ ...a, depthMap: { ...a.depthMap, axialPitchMm: -1 } }])).toThrow(/depthMap pitches must be positive mm \(got -1 x 2\)/);
  });

  it('fails a worker without a library loader for good, not with retries', () => {
    const ctx = { campaignId: 'c1', spec } as unknown as CampaignContext;
    let error: unknown;
    try {
      expansionOf(ctx);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true, type: 'ScanLibraryUnavailable' });
    expect(expansionOf({ ...ctx, library: lShaped })).toEqual({ library: lShaped });
  });
});

describe('scan sampler: catalog rows and params', () => {
  it('records the library, the defect and the transform beside the defect, and codes the profile as 2', () => {
    const draw = drawSimulation(scan({ count: 4, scan: 'rotate180: 1' }), 1, { library: lShaped });
    const row = toSimulationRow({ ...draw, contentHash: 'h', map: new Float32Array(3), solveMs: 1, coreSeconds: 0.001, solverStats: {} }, 1);
    expect(row.params).toMatchObject({
      profile: 'depth-map',
      scanLibrary: 'lib',
      scanLibraryContentHash: lShaped.contentHash,
      scanLibraryStandIn: 1,
      scanDefectId: draw.scan!.defectId,
      scanDefectContentHash: lShaped.defects.find((d) => d.id === draw.scan!.defectId)!.contentHash,
      scanLengthScale: 1,
      scanWidthScale: 1,
      scanDepthScale: 1,
      scanDepthFactor: 1,
      scanMirrorAxial: 0,
      scanMirrorCircumferential: 0,
      scanRotated180: 1,
      scanScannedSide: draw.scan!.scannedSide,
      scanScannedWallThicknessMm: draw.scan!.scannedWallThicknessMm,
      scanDepthClippedCells: 0,
    });
    expect(row.defectClass).toBe('pinhole');
    expect(toParamVector(draw.defect)[6]).toBe(2);
  });
});

describe('existing samplers', () => {
  const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

  it('expand exactly as before the scan sampler existed', () => {
    // Hashes of the expansions computed before the scan sampler was added.
    const pinned = {
      uniform: 'd96a78d8fcd50af665e6faf0927e36bc368f6efb7dc0f65b76fd4332bbeb00ee',
      'latin-hypercube': 'fc096a9381aa936f058c13690001a3239ece2adb21f3c062f7ef98c550f2d55b',
      sobol: 'bb58166900f4779fef3314d9e3efe949ca3d22040c9ee50ad28a7571eb6ee0d0',
    };
    for (const [sampler, hash] of Object.entries(pinned)) {
      const spec = loadCampaignSpec(`name: demo\ncount: 2000\nseed: 42\nsampler: ${sampler}\nsolver:\n  model: dipole\n`);
      expect(sha(expandRange(spec, 0, 2000))).toBe(hash);
    }
    const grid = loadCampaignSpec('name: g\nsampler: grid\nparameters: { wallThickness: { min: 5, max: 10, steps: 3 }, defectLength: { values: [10, 20] } }\nsolver: { model: fem, mesh: coarse }\n');
    expect(sha(expandRange(grid, 0, grid.count))).toBe('2a0ac6f91b6457cfcb193281a4b69d3042dc9fe5583ad7378235fe8c3a5d8df2');
  });
});

describe('examples/scan-campaign.yaml', () => {
  const examples = path.join(__dirname, '..', '..', '..', 'examples');
  const spec = scanSpecOf(fs.readFileSync(path.join(examples, 'scan-campaign.yaml'), 'utf8'));
  const fem = loadCampaignSpec(fs.readFileSync(path.join(examples, 'fem-campaign.yaml'), 'utf8'));

  it('runs FEM at standard mesh on at least 200 scan variations with the sensor grid of the other examples', () => {
    expect(spec.count).toBeGreaterThanOrEqual(200);
    expect(spec.solver).toMatchObject({ model: 'fem', mesh: 'standard' });
    expect(sensorGridOf(spec)).toEqual(sensorGridOf(fem));
    expect(spec.scan.library).toBe('standin-corrosion');
  });

  it('expands every simulation from an in-memory stand-in library', () => {
    const library = patchLibrary('standin-corrosion', 40);
    const draws = drawRange(spec, 0, spec.count, { library });
    expect(draws).toHaveLength(spec.count);
    expect(new Set(draws.map((d) => d.scan!.defectId)).size).toBe(40);
    for (const d of draws) {
      expect(d.defect.profile).toBe('depth-map');
      expect(d.defect.defectDepthPercent).toBeGreaterThan(0);
      expect(d.defect.defectDepthPercent).toBeLessThanOrEqual(95 + 1e-9);
      expect(d.scan!.libraryStandIn).toBe(true);
    }
  });
});
