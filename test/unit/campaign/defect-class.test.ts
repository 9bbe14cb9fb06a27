import {
  expandRange,
  expandSimulation,
  modelSettingsOf,
  parseCampaignSpec,
  sensorGridOf,
  simulationContentHash,
  specHash,
  type SpecIssue,
} from '../../../services/campaign';
import {
  DEFECT_CLASSES,
  DEFECT_CLASS_RULES,
  classAtIndex,
  classOfDimensions,
  defectClassOf,
  drawOfClass,
  geometricParameterMm,
  isEmptyChoice,
  wallChoice,
  type ClassAxes,
  type DefectClass,
} from '../../../services/campaign/defect-class';
import { classOffsetOf } from '../../../services/campaign/expand';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_YAML, specOf } from './fixtures';

const ALL_SEVEN = { general: 0.3, pitting: 0.2, 'axial-grooving': 0.1, 'circumferential-grooving': 0.1, pinhole: 0.1, 'axial-slotting': 0.1, 'circumferential-slotting': 0.1 };

function yamlOf(quotas: Record<string, number>, rest = ''): string {
  const q = Object.entries(quotas).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `name: q\ncount: 10000\nseed: 11\nsampler: sobol\nsolver: { model: dipole }\nquotas: { ${q} }\n${rest}`;
}

function issuesOf(yaml: string): SpecIssue[] {
  const r = parseCampaignSpec(yaml);
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors;
}

function tally(classes: readonly DefectClass[]): Record<DefectClass, number> {
  const counts = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0])) as Record<DefectClass, number>;
  for (const c of classes) counts[c]++;
  return counts;
}

/** Every class's share of `classes` is within `tolerance` (absolute) of its quota. */
function expectShares(classes: readonly DefectClass[], quotas: Partial<Record<DefectClass, number>>, tolerance: number): void {
  const counts = tally(classes);
  for (const c of DEFECT_CLASSES) {
    const share = counts[c] / classes.length;
    const want = quotas[c] ?? 0;
    if (Math.abs(share - want) > tolerance) throw new Error(`${c}: share ${share}, quota ${want} (tolerance ${tolerance})`);
  }
}

describe('POF geometric parameter A', () => {
  it('is the wall thickness, but at least 10 mm', () => {
    expect(geometricParameterMm(4)).toBe(10);
    expect(geometricParameterMm(9.99)).toBe(10);
    expect(geometricParameterMm(10)).toBe(10);
    expect(geometricParameterMm(12.7)).toBe(12.7);
    expect(geometricParameterMm(30)).toBe(30);
  });

  it('rejects walls that are not positive numbers', () => {
    for (const t of [0, -1, NaN, Infinity]) expect(() => geometricParameterMm(t)).toThrow(RangeError);
  });
});

describe('POF anomaly dimension classes', () => {
  it('classifies defects by the published rules (A = 10 mm for a 6 mm wall)', () => {
    const at = (L: number, W: number, wall = 6) => defectClassOf({ wallThicknessMm: wall, defectLengthMm: L, defectWidthMm: W });
    expect(at(30, 30)).toBe('general');
    expect(at(100, 45)).toBe('general');
    expect(at(10, 10)).toBe('pitting');
    expect(at(50, 29)).toBe('pitting'); // L >= 3A but W < 3A, 0.5 < L/W < 2
    expect(at(59, 30.5)).toBe('general');
    expect(at(40, 20)).toBe('axial-grooving'); // L/W = 2 exactly
    expect(at(200, 10)).toBe('axial-grooving');
    expect(at(20, 40)).toBe('circumferential-grooving'); // L/W = 0.5 exactly
    expect(at(10, 200)).toBe('circumferential-grooving');
    expect(at(5, 9.9)).toBe('pinhole');
    expect(at(10, 9.9)).toBe('axial-slotting');
    expect(at(9.9, 10)).toBe('circumferential-slotting');
    // A follows a wall above 10 mm: the same 30 x 30 mm defect is pitting in a 12 mm wall.
    expect(at(30, 30, 12)).toBe('pitting');
    expect(at(11, 11, 12)).toBe('pinhole');
  });

  it('is a partition of L, W > 0: exactly one rule holds everywhere, boundaries included', () => {
    // Normalized a = L/A and w = W/A on a grid that contains every boundary of the rules (1, 3, 6,
    // the ratio lines 0.5 and 2) and points a hair either side of them, plus random points.
    const marks = [1 / 64, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 9, 12, 20];
    const eps = [0, 1e-9, -1e-9, 1e-3, -1e-3];
    const axis = [...new Set(marks.flatMap((m) => eps.map((e) => m + e)).filter((v) => v > 0))];
    let rand = 12345;
    const next = () => ((rand = (Math.imul(rand, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const points: [number, number][] = axis.flatMap((a) => axis.map((w): [number, number] => [a, w]));
    for (let k = 0; k < 50_000; k++) points.push([next() * 12 + 1e-6, next() * 12 + 1e-6]);
    // The ratio lines themselves: L = 2W and W = 2L.
    for (const w of axis) points.push([2 * w, w], [w, 2 * w]);
    for (const A of [10, 12.7, 25]) {
      for (const [a, w] of points) {
        const L = a * A;
        const W = w * A;
        const holding = DEFECT_CLASSES.filter((c) => DEFECT_CLASS_RULES[c](L, W, A));
        if (holding.length !== 1) throw new Error(`L ${L}, W ${W}, A ${A}: ${holding.join(', ') || 'no class'}`);
        if (classOfDimensions(L, W, A) !== holding[0]) throw new Error(`L ${L}, W ${W}, A ${A}: classOfDimensions disagrees`);
      }
    }
  });

  it('rejects dimensions that are not positive', () => {
    expect(() => classOfDimensions(0, 10, 10)).toThrow(RangeError);
    expect(() => classOfDimensions(10, -1, 10)).toThrow(RangeError);
    expect(() => classOfDimensions(10, 10, NaN)).toThrow(RangeError);
  });
});

describe('drawing a defect of a class', () => {
  // Random wall, length and width axes of every kind; a class counts as producible when a dense
  // grid of cell midpoints (never a range's endpoints, where a class can hold on a single line)
  // finds it, and every producible class must be drawable, at any coordinates, inside the axes.
  let rand = 987654321;
  const next = () => ((rand = (Math.imul(rand, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const between = (lo: number, hi: number) => Math.round((lo + next() * (hi - lo)) * 100) / 100;
  function randomAxis(name: 'wallThickness' | 'defectLength' | 'defectWidth', lo: number, hi: number): ClassAxes['wall'] {
    const kind = next();
    if (kind < 0.15) return { name, kind: 'fixed', value: between(lo, hi) };
    if (kind < 0.35) return { name, kind: 'discrete', values: [...new Set(Array.from({ length: 2 + Math.floor(next() * 4) }, () => between(lo, hi)))].sort((a, b) => a - b) };
    const a = between(lo, hi);
    const b = between(lo, hi);
    return a === b ? { name, kind: 'fixed', value: a } : { name, kind: 'continuous', min: Math.min(a, b), max: Math.max(a, b) };
  }
  const gridOf = (axis: ClassAxes['wall'], n: number): number[] =>
    axis.kind === 'fixed' ? [axis.value as number] : axis.kind === 'discrete' ? [...axis.values] : Array.from({ length: n }, (_, k) => axis.min + ((k + 0.5) / n) * (axis.max - axis.min));
  const inside = (axis: ClassAxes['wall'], v: number): boolean =>
    axis.kind === 'fixed' ? v === axis.value : axis.kind === 'discrete' ? axis.values.includes(v) : v >= axis.min && v <= axis.max;

  it('finds exactly the producible classes and draws each inside the ranges', () => {
    const coordinates = [0, 1e-12, 0.25, 0.5, 0.999999, 1 - 2 ** -53];
    for (let trial = 0; trial < 150; trial++) {
      const axes: ClassAxes = { wall: randomAxis('wallThickness', 2, 40), length: randomAxis('defectLength', 0.5, 150), width: randomAxis('defectWidth', 0.5, 150) };
      const seen = new Set<DefectClass>();
      for (const t of gridOf(axes.wall, 24)) for (const L of gridOf(axes.length, 48)) for (const W of gridOf(axes.width, 48)) seen.add(classOfDimensions(L, W, geometricParameterMm(t)));
      for (const cls of DEFECT_CLASSES) {
        const walls = wallChoice(axes.wall, axes.length, axes.width, cls);
        if (seen.has(cls) && isEmptyChoice(walls)) throw new Error(`${cls} is in ${JSON.stringify(axes)} but found unproducible`);
        if (isEmptyChoice(walls)) continue;
        for (const uw of coordinates) for (const ul of coordinates) for (const ux of [0, 0.5, 1 - 2 ** -53]) {
          const d = drawOfClass(axes, cls, walls, { wall: uw, length: ul, width: ux });
          const where = `${cls} in ${JSON.stringify(axes)} at ${uw}, ${ul}, ${ux}: ${JSON.stringify(d)}`;
          if (defectClassOf(d) !== cls) throw new Error(`drew the wrong class: ${where}`);
          if (!inside(axes.wall, d.wallThicknessMm) || !inside(axes.length, d.defectLengthMm) || !inside(axes.width, d.defectWidthMm)) throw new Error(`outside the ranges: ${where}`);
        }
      }
    }
  });
});

describe('class assignment under quotas', () => {
  const quotaSets: Partial<Record<DefectClass, number>>[] = [
    ALL_SEVEN,
    { general: 0.5, pitting: 0.5 },
    { pinhole: 1 },
    { general: 0.01, 'axial-slotting': 0.99 },
    { general: 1 / 3, pitting: 1 / 3, 'axial-grooving': 1 / 3 },
    { general: 0.7, pitting: 0, 'circumferential-grooving': 0.3 },
  ];

  it('meets every quota within ±2 % in any 10,000 consecutive indices', () => {
    for (const quotas of quotaSets) {
      for (const seed of [0, 1, 42, 2 ** 40]) {
        const offset = classOffsetOf(seed);
        for (const start of [0, 1, 9_999, 123_457, 9_990_000]) {
          const classes = Array.from({ length: 10_000 }, (_, k) => classAtIndex(quotas, offset, start + k));
          expectShares(classes, quotas, 0.02);
          // In fact far tighter: the golden-ratio sequence is within a few simulations of the quota.
          expectShares(classes, quotas, 0.002);
        }
      }
    }
  });

  it('is a pure function of (quotas, seed, index) and never draws a class without a share', () => {
    const offset = classOffsetOf(7);
    const quotas = { general: 0.7, pitting: 0, 'circumferential-grooving': 0.3 };
    const once = Array.from({ length: 1000 }, (_, i) => classAtIndex(quotas, offset, i));
    const reversed = Array.from({ length: 1000 }, (_, k) => classAtIndex(quotas, offset, 999 - k)).reverse();
    expect(reversed).toEqual(once);
    expect(new Set(once)).toEqual(new Set(['general', 'circumferential-grooving']));
    expect(classOffsetOf(7)).not.toBe(classOffsetOf(8));
  });

  it('gives the remainder of a sum a hair below 1 to the last class with a share', () => {
    const quotas = { general: 0.5, pitting: 0.5 - 1e-10 };
    const offset = classOffsetOf(0);
    const drawn = new Set(Array.from({ length: 2000 }, (_, i) => classAtIndex(quotas, offset, i)));
    expect(drawn).toEqual(new Set(['general', 'pitting']));
  });
});

describe('expansion with quotas', () => {
  it.each(['uniform', 'latin-hypercube', 'sobol'])('meets the quotas within ±2 %% over 10,000 draws of the %s sampler, inside the ranges', (sampler) => {
    const spec = specOf(yamlOf(ALL_SEVEN).replace('sampler: sobol', `sampler: ${sampler}`));
    const cases = expandRange(spec, 0, 10_000);
    expectShares(cases.map(defectClassOf), ALL_SEVEN, 0.02);
    const outside = cases.filter((d) => !(d.wallThicknessMm >= 4 && d.wallThicknessMm <= 30 && d.defectLengthMm >= 4 && d.defectLengthMm <= 100 && d.defectWidthMm >= 4 && d.defectWidthMm <= 100));
    expect(outside).toEqual([]);
    // Each simulation by itself is the same as within its range.
    for (const i of [0, 1, 4321, 9999]) expect(expandSimulation(spec, i)).toEqual(cases[i]);
  });

  it('gives each index the class its quota assigns, and leaves the other parameters as drawn', () => {
    const spec = specOf(yamlOf(ALL_SEVEN));
    const { quotas, ...plain } = spec;
    const offset = classOffsetOf(spec.seed);
    const withQuotas = expandRange(spec, 0, 500);
    const without = expandRange(plain, 0, 500);
    withQuotas.forEach((d, i) => {
      expect(defectClassOf(d)).toBe(classAtIndex(quotas!, offset, i));
      expect(d.backgroundFieldKAPerM).toBe(without[i]!.backgroundFieldKAPerM);
      expect(d.defectDepthPercent).toBe(without[i]!.defectDepthPercent);
      expect(d.side).toBe(without[i]!.side);
    });
  });

  it('handles fixed and listed walls, lengths and widths', () => {
    const spec = specOf(
      yamlOf(
        { general: 0.25, pitting: 0.25, 'axial-grooving': 0.25, 'axial-slotting': 0.25 },
        'parameters:\n  wallThickness: { values: [6, 12, 20] }\n  defectLength: { values: [8, 15, 40, 70, 90] }\n  defectWidth: { min: 5, max: 80 }\n',
      ).replace('sampler: sobol', 'sampler: uniform'),
    );
    const cases = expandRange(spec, 0, 4000);
    expectShares(cases.map(defectClassOf), spec.quotas!, 0.02);
    expect(new Set(cases.map((d) => d.wallThicknessMm))).toEqual(new Set([6, 12, 20]));
    expect([...new Set(cases.map((d) => d.defectLengthMm))].every((l) => [8, 15, 40, 70, 90].includes(l))).toBe(true);
    const fixed = specOf(yamlOf({ pinhole: 0.5, 'circumferential-slotting': 0.5 }, 'parameters:\n  wallThickness: 15\n  defectLength: 8\n'));
    const few = expandRange(fixed, 0, 1000);
    expectShares(few.map(defectClassOf), fixed.quotas!, 0.02);
    expect(few.every((d) => d.wallThicknessMm === 15 && d.defectLengthMm === 8)).toBe(true);
  });

  it('runs the example spec with quotas', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'class-quotas.yaml'), 'utf8');
    const spec = specOf(text);
    const cases = expandRange(spec, 2000, 3000);
    expectShares(cases.map(defectClassOf), spec.quotas!, 0.02);
  });

  it('records the class of what a spec without quotas draws', () => {
    const spec = specOf(DEMO_YAML);
    const classes = expandRange(spec, 0, 2000).map(defectClassOf);
    expect(classes.every((c) => (DEFECT_CLASSES as readonly string[]).includes(c))).toBe(true);
    expect(new Set(classes).size).toBeGreaterThan(3);
  });
});

describe('identity of specs without quotas', () => {
  // Recorded before defect classes existed: a spec without quotas must expand and hash as it did.
  const before: [number, string][] = [
    [0, 'c229aa26d1927e08679282766edbdb6997ce03fa8c7ec57f80786a0325d83e22'],
    [1, 'c086f91e96286d3099ae9b269a2c33bb111a6738dde346c5f9d05454f1e419c9'],
    [999, 'dc6fb8c6080216763e835aee7e6f6088944cdcff832cc5a8400b190fe418f098'],
    [1999, 'a9d6e73b4bdf4632657e705a5dc175260929dd8ecba5aca30d13b9067c58e4f2'],
  ];

  it('keeps the spec hash and every simulation content hash', () => {
    const spec = specOf(DEMO_YAML);
    expect('quotas' in spec && spec.quotas !== undefined).toBe(false);
    expect(specHash(spec)).toBe('3a53243fb59d898c205f4a4289e8d589d6b75a0a15f861feea9a02af0737f118');
    for (const [index, hash] of before) {
      const defect = expandSimulation(spec, index);
      const id = { solverName: 'synthflux-reference', solverVersion: '0.1.0', model: spec.solver.model, settings: modelSettingsOf(spec), grid: sensorGridOf(spec), defect };
      expect(simulationContentHash(id)).toBe(hash);
    }
    expect(expandSimulation(spec, 0)).toEqual({
      backgroundFieldKAPerM: 24.60105866426602,
      wallThicknessMm: 25.944424509536475,
      defectLengthMm: 82.75928996503353,
      defectWidthMm: 54.620584547519684,
      defectDepthPercent: 31.970483317272738,
      side: 'near',
      profile: 'rectangular',
    });
  });
});

describe('quotas: invalid specs', () => {
  const at = (issues: SpecIssue[], path: string) => issues.filter((i) => i.path === path).map((i) => i.message);

  it('rejects an unknown class, naming it and listing the classes', () => {
    const issues = issuesOf(yamlOf({ general: 0.5, pits: 0.5 }));
    expect(at(issues, 'quotas.pits')).toEqual([
      "unknown key 'pits' (allowed keys: general, pitting, axial-grooving, circumferential-grooving, pinhole, axial-slotting, circumferential-slotting)",
    ]);
  });

  it('rejects shares that do not sum to 1', () => {
    expect(at(issuesOf(yamlOf({ general: 0.5, pitting: 0.4 })), 'quotas')).toEqual(['the shares must sum to 1 (got 0.9: general 0.5 + pitting 0.4)']);
    expect(at(issuesOf(yamlOf({ general: 0.6, pitting: 0.6 })), 'quotas')).toEqual(['the shares must sum to 1 (got 1.2: general 0.6 + pitting 0.6)']);
    expect(at(issuesOf(yamlOf({})), 'quotas')).toEqual(['the shares must sum to 1 (got 0: no classes)']);
    expect(at(issuesOf(yamlOf({ general: 0.5, pitting: 0.5 + 1e-8 })), 'quotas')).toHaveLength(1);
    // Decimal fractions that sum to 1 only up to rounding are accepted.
    expect(parseCampaignSpec(yamlOf({ general: 0.1, pitting: 0.2, pinhole: 0.7 })).ok).toBe(true);
    expect(parseCampaignSpec(yamlOf({ general: 1 / 3, pitting: 1 / 3, 'axial-grooving': 1 / 3 })).ok).toBe(true);
  });

  it('rejects shares outside 0..1 and values that are not numbers', () => {
    expect(at(issuesOf(yamlOf({ general: 1.5, pitting: -0.5 })), 'quotas.general')).toEqual(['must be a number between 0 and 1 (got 1.5)']);
    expect(at(issuesOf(yamlOf({ general: 1.5, pitting: -0.5 })), 'quotas.pitting')).toEqual(['must be a number between 0 and 1 (got -0.5)']);
    const text = issuesOf(`name: q\ncount: 10\nsampler: sobol\nsolver: { model: dipole }\nquotas: { general: half }\n`);
    expect(at(text, 'quotas.general')).toEqual(["must be a number between 0 and 1 (got 'half')"]);
    const notObject = issuesOf(`name: q\ncount: 10\nsampler: sobol\nsolver: { model: dipole }\nquotas: [general]\n`);
    expect(at(notObject, 'quotas')).toEqual([expect.stringMatching(/^must be an object with keys general, pitting, .* \(got a list\)$/)]);
  });

  it('rejects quotas under the grid sampler', () => {
    const issues = issuesOf(`name: q\nsampler: grid\nsolver: { model: dipole }\nquotas: { general: 1 }\n`);
    expect(at(issues, 'quotas')).toEqual(['cannot be used with the grid sampler (the grid fixes every defect); use uniform, latin-hypercube, sobol']);
  });

  it('rejects a class the ranges cannot produce, naming the class and why', () => {
    const issues = issuesOf(yamlOf({ general: 0.5, pinhole: 0.5 }, 'parameters:\n  defectLength: { min: 40, max: 100 }\n'));
    expect(issues.map((i) => i.path)).toEqual(['quotas.pinhole']);
    expect(issues[0]!.message).toBe(
      'class pinhole cannot be produced by the parameter ranges: it needs 0 < W < 1A and 0 < L < 1A (L defect length, W defect width, ' +
        'A = wall thickness but at least 10 mm), and no wallThickness in [4, 30] mm has a defectLength in [40, 100] mm and a defectWidth ' +
        'in [4, 100] mm that meet it; widen the ranges or set its quota to 0',
    );
    // Every infeasible class is reported, the feasible ones are not.
    const narrow = issuesOf(yamlOf(ALL_SEVEN, 'parameters:\n  wallThickness: 12\n  defectLength: { min: 15, max: 30 }\n  defectWidth: { min: 15, max: 30 }\n'));
    expect(narrow.map((i) => i.path).sort()).toEqual(['quotas.axial-grooving', 'quotas.axial-slotting', 'quotas.circumferential-grooving', 'quotas.circumferential-slotting', 'quotas.general', 'quotas.pinhole']);
    // A listed wall: general needs L, W >= 3A = 36 mm at 12 mm, which no listed width reaches.
    const listed = issuesOf(yamlOf({ general: 1 }, 'parameters:\n  wallThickness: { values: [12, 14] }\n  defectWidth: { values: [10, 30] }\n'));
    expect(listed.map((i) => i.path)).toEqual(['quotas.general']);
    expect(listed[0]!.message).toContain('no wallThickness in {values: 12, 14} mm has a defectLength in [4, 100] mm and a defectWidth in {values: 10, 30} mm');
  });

  it('accepts an unproducible class whose quota is 0', () => {
    expect(parseCampaignSpec(yamlOf({ general: 1, pinhole: 0 }, 'parameters:\n  defectLength: { min: 40, max: 100 }\n')).ok).toBe(true);
  });

  it('is absent from a spec that does not ask for it', () => {
    const spec = specOf(DEMO_YAML);
    expect(Object.keys(spec)).not.toContain('quotas');
  });
});
