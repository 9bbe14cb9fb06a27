// Fuzzing the campaign spec parser: random text, malformed YAML/JSON and a valid spec with one
// field replaced by a nasty value. Every input must come back as a result (never a throw) and every
// rejection must name the field it is about. (How fast the parser rejects is not asserted here:
// timings on a loaded machine are noise; an oversized list is one error, see MAX_LIST_VALUES.)

import { stringify } from 'yaml';
import { parseCampaignSpec, parseCampaignSpecObject } from '../../../services/campaign';
import { FUZZ_SEED, nastyValue, pick, randomString, rng } from './random';

const CASES = Number(process.env.FUZZ_CASES ?? 400);

const VALID = {
  name: 'fuzz',
  count: 1000,
  seed: 42,
  sampler: 'sobol',
  parameters: {
    backgroundField: { min: 10, max: 35 },
    wallThickness: { min: 4, max: 30 },
    defectLength: { min: 4, max: 100 },
    defectWidth: { min: 4, max: 100 },
    defectDepth: { min: 10, max: 95 },
    defectSide: { values: ['near', 'far'] },
    defectProfile: 'rectangular',
  },
  solver: { model: 'dipole', mesh: 'standard', sensorGrid: { liftOff: 2, axialPitch: 2, circumferentialPitch: 4, axialCount: 64, circumferentialCount: 32 } },
  batchSize: 100,
  shardSize: 20,
  limits: { maxShardsInFlight: 4, maxBatchesInFlight: 8 },
};

// Every leaf and inner field of the valid spec, as paths.
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return [...(prefix.length > 0 ? [prefix] : []), ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
}
const PATHS = fieldPaths(VALID);

function withField(path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(VALID) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const MALFORMED = [
  '', '---', 'null', '[]', '42', '"a string"', '{', 'name: [', 'count: *nope', 'a: &x [*x]', ': :', '\t- bad\n  indent: 1',
  'name: a\nname: b\n', '{"name": "x", "count": }', 'count: .nan', 'count: .inf', 'count: -.inf', 'count: 0x7fffffffffffffffff',
  'seed: !!binary AAAA', 'parameters: !!set {a, b}', `a: &a [${'*a,'.repeat(50)}1]`, '\u0000\u0001\u0002', 'name: ' + 'x'.repeat(1_000_000),
];

describe(`campaign spec fuzzing (seed ${FUZZ_SEED})`, () => {
  it('the valid base spec parses', () => {
    expect(parseCampaignSpecObject(VALID)).toMatchObject({ ok: true });
  });

  it.each(MALFORMED.map((text, i) => [i, text] as const))('malformed document %i: an error with a message, no throw', (_i, text) => {
    const result = parseCampaignSpec(text, 'fuzz.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
  });

  it(`${CASES} random documents never throw and every error has a message`, () => {
    const r = rng(FUZZ_SEED);
    for (let i = 0; i < CASES; i++) {
      const text = pick(r, [() => randomString(r, 300), () => stringify(withField(pick(r, PATHS), randomString(r, 20))).slice(0, Math.floor(r() * 600))])();
      const result = parseCampaignSpec(text);
      if (!result.ok) for (const e of result.errors) expect({ i, message: e.message.length > 0 }).toEqual({ i, message: true });
    }
  });

  it(`${CASES} specs with one nasty field: rejected naming that field, or accepted as a valid spec`, () => {
    const r = rng(FUZZ_SEED + 1);
    for (let i = 0; i < CASES; i++) {
      const path = pick(r, PATHS);
      const value = nastyValue(r);
      const viaYaml = r() < 0.5;
      const result = viaYaml ? parseCampaignSpec(stringify(withField(path, value))) : parseCampaignSpecObject(withField(path, value));
      if (result.ok) {
        // Accepted only when it is still a well-formed spec: finite numbers, positive sizes.
        expect(Number.isFinite(result.spec.count) && result.spec.count > 0).toBe(true);
        continue;
      }
      const field = path.join('.');
      const named = result.errors.some((e) => e.path !== '' && (e.path.startsWith(path[0]!) || field.startsWith(e.path)));
      // Cross-field rules may name a neighbour too, but something must point at the broken field.
      expect({ i, field, value: String(value).slice(0, 40), errors: named ? 'named' : result.errors }).toEqual({ i, field, value: String(value).slice(0, 40), errors: 'named' });
    }
  });
});
