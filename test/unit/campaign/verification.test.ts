// Verification samples in the campaign spec: validation of the section, and the deterministic choice
// of which simulations are sampled.
import { createHash } from 'node:crypto';
import { inVerificationSample, parseCampaignSpec, samplePosition, simulationContentHash, specHash, type SpecIssue } from '../../../services/campaign';
import { expandRange } from '../../../services/campaign';
import { specOf } from './fixtures';

const BASE = 'name: v\ncount: 100\nsampler: sobol\nsolver: { model: fem, mesh: standard }\n';
const hashOf = (i: number): string => createHash('sha256').update(`simulation ${i}`).digest('hex');

function issuesOf(yaml: string): SpecIssue[] {
  const r = parseCampaignSpec(yaml);
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors;
}

describe('campaign spec: verification', () => {
  it('is optional, and a spec without it hashes as before the section existed', () => {
    const spec = specOf(BASE);
    expect('verification' in spec).toBe(false);
    expect(specHash(spec)).toBe(specHash({ ...spec, verification: undefined }));
  });

  it('takes a fraction and a pool name, and the reference mesh defaults to fine', () => {
    const spec = specOf(`${BASE}verification: { fraction: 0.01, pool: getdp }\n`);
    expect(spec.verification).toEqual({ fraction: 0.01, pool: 'getdp', mesh: 'fine' });
    expect(specOf(`${BASE}verification: { fraction: 0.1, pool: fem-fine, mesh: standard }\n`).verification?.mesh).toBe('standard');
  });

  it.each([
    ['{ fraction: 0, pool: getdp }', 'verification.fraction', 'must be a number between 0 (exclusive) and 0.1 (got 0)'],
    ['{ fraction: 0.2, pool: getdp }', 'verification.fraction', 'must be a number between 0 (exclusive) and 0.1 (got 0.2)'],
    ['{ fraction: 0.01 }', 'verification.pool', 'is required: the name of a verification solver pool (text)'],
    ['{ fraction: 0.01, pool: "10.0.0.1:50051" }', 'verification.pool', /must be a pool name of lowercase letters, digits and dashes/],
    ['{ fraction: 0.01, pool: getdp, mesh: ultra }', 'verification.mesh', 'must be one of coarse, standard, fine (got \'ultra\')'],
    ['{ fraction: 0.01, pool: getdp, address: x }', 'verification.address', /unknown key 'address' \(allowed keys: fraction, pool, mesh\)/],
  ])('rejects verification %s naming the field', (section, path, message) => {
    const at = issuesOf(`${BASE}verification: ${section}\n`).filter((i) => i.path === path);
    expect(at.map((i) => i.message)).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
  });
});

describe('verification sample selection', () => {
  const hashes = Array.from({ length: 20_000 }, (_, i) => hashOf(i));

  it('places a content hash in [0, 1) by its first 52 bits', () => {
    expect(samplePosition('0'.repeat(64))).toBe(0);
    expect(samplePosition(`8${'0'.repeat(63)}`)).toBe(0.5);
    expect(samplePosition('f'.repeat(64))).toBeLessThan(1);
    expect(() => samplePosition('not-a-hash')).toThrow(/64 lowercase hex digits/);
  });

  it('samples about the fraction asked for', () => {
    for (const fraction of [0.01, 0.05, 0.1]) {
      const share = hashes.filter((h) => inVerificationSample(h, fraction)).length / hashes.length;
      expect(Math.abs(share - fraction)).toBeLessThan(4 * Math.sqrt((fraction * (1 - fraction)) / hashes.length));
    }
  });

  it('is a pure function of the identity: the same answer every time, and a larger fraction keeps the smaller sample', () => {
    const small = hashes.filter((h) => inVerificationSample(h, 0.01));
    expect(hashes.filter((h) => inVerificationSample(h, 0.01))).toEqual(small);
    const large = new Set(hashes.filter((h) => inVerificationSample(h, 0.05)));
    expect(small.every((h) => large.has(h))).toBe(true);
  });

  it('does not depend on how a campaign is cut into batches', () => {
    const sampled = (batchSize: number): number[] => {
      const spec = { ...specOf(BASE), batchSize };
      const out: number[] = [];
      for (let start = 0; start < spec.count; start += batchSize) {
        expandRange(spec, start, Math.min(batchSize, spec.count - start)).forEach((defect, k) => {
          const hash = simulationContentHash({ solverName: 's', solverVersion: '1', model: 'fem', settings: { mesh: 'standard' }, grid: { liftOffMm: 2, axialPitchMm: 2, circumferentialPitchMm: 4, axialCount: 8, circumferentialCount: 4 }, defect });
          if (inVerificationSample(hash, 0.1)) out.push(start + k);
        });
      }
      return out;
    };
    const byTen = sampled(10);
    expect(byTen.length).toBeGreaterThan(0);
    expect(sampled(7)).toEqual(byTen);
    expect(sampled(100)).toEqual(byTen);
  });
});
