import { parseLibraryMetadata } from '../../../services/library/metadata';
import { formatLibraryIssues } from '../../../services/library/errors';

describe('library metadata (JSON sidecar or Zarr attributes)', () => {
  it('parses defects, applies shared defaults and keeps the defect’s own values', () => {
    const parsed = parseLibraryMetadata({
      source: 'dig site 7, 2024',
      defaults: { wallThicknessMm: 9.5, axialPitchMm: 1, circumferentialPitchMm: 1 },
      defects: [
        { id: 'A-1', side: 'far' },
        { id: 'A-2', side: 'near', wallThicknessMm: 12, measured: { file: 'a2.npy', units: 'mT', sensorGrid: { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 16, circumferentialCount: 8 } } },
      ],
    });
    expect(parsed.issues).toEqual([]);
    expect(parsed.source).toBe('dig site 7, 2024');
    expect(parsed.standIn).toBe(false);
    expect(parsed.entries.map((e) => e.meta)).toEqual([
      { id: 'A-1', side: 'far', wallThicknessMm: 9.5, axialPitchMm: 1, circumferentialPitchMm: 1 },
      expect.objectContaining({ id: 'A-2', side: 'near', wallThicknessMm: 12, measured: expect.objectContaining({ units: 'mT', file: 'a2.npy' }) }),
    ]);
  });

  it('measured units default to tesla and standIn is read', () => {
    const parsed = parseLibraryMetadata({ standIn: true, defects: [{ id: 'x', wallThicknessMm: 8, side: 'near', measured: { file: 'm.npy', sensorGrid: { liftOffMm: 1, axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 4, circumferentialCount: 4 } } }] });
    expect(parsed.standIn).toBe(true);
    expect(parsed.entries[0]!.meta!.measured!.units).toBe('T');
  });

  it('names the defect (its id, or #k without a valid one) and the field of every problem, all at once', () => {
    const parsed = parseLibraryMetadata({
      defects: [
        { id: 'B-1', wallThicknessMm: 0.5, side: 'inside', axialPitchMm: -1 },
        { id: 'bad id!', wallThicknessMm: 10, side: 'far' },
        { wallThickness: 10, side: 'far' },
        { id: 'B-4', wallThicknessMm: 10, side: 'far', measured: { file: 'm.npy', units: 'kA/m', sensorGrid: { liftOffMm: 1, axialPitchMm: 1, circumferentialPitchMm: 1, axialCount: 0, circumferentialCount: 4 } } },
        'not an object',
      ],
    });
    const text = formatLibraryIssues(parsed.issues);
    expect(text).toContain('defect B-1: wallThicknessMm: must be a number between 1 and 100 (got 0.5)');
    expect(text).toContain('defect B-1: side: must be one of near, far');
    expect(text).toContain('defect B-1: axialPitchMm: must be a number between 0 (exclusive) and 50 (got -1)');
    expect(text).toMatch(/defect #1: id: must be letters, digits, .* \(got 'bad id!'\)/);
    expect(text).toContain("defect #2: wallThickness: unknown key 'wallThickness'");
    expect(text).toContain('defect #2: id: is required');
    expect(text).toContain('defect #2: wallThicknessMm: is required');
    expect(text).toContain('defect B-4: measured.units: must be one of T, mT');
    expect(text).toContain('defect B-4: measured.sensorGrid.axialCount: must be an integer between 1 and 512 (got 0)');
    expect(text).toContain('defect #4: (metadata): must be an object');
    expect(parsed.entries.map((e) => e.label)).toEqual(['B-1', '#1', '#2', 'B-4', '#4']);
    expect(parsed.entries.every((e) => e.meta === undefined)).toBe(true);
  });

  it('reports a missing or malformed defects list, source, standIn and defaults', () => {
    expect(formatLibraryIssues(parseLibraryMetadata([]).issues)).toMatch(/^\(metadata\): must be an object with a `defects` list/);
    const text = formatLibraryIssues(parseLibraryMetadata({ source: 3, standIn: 'yes', defaults: { pitch: 1 } }).issues);
    expect(text).toContain('source: must be text (got 3)');
    expect(text).toContain("standIn: must be true or false (got 'yes')");
    expect(text).toContain("defaults.pitch: unknown key 'pitch'");
    expect(text).toContain('defects: is required: a list of defects');
  });
});
