import { loadCampaignSpec, type CampaignSpec } from '../../../services/campaign';

/** The default demo campaign. */
export const DEMO_YAML = `
name: demo
count: 2000
seed: 42
sampler: sobol
solver:
  model: dipole
`;

/** Parses YAML that must be valid; the test fails with every issue listed otherwise. */
export function specOf(yaml: string): CampaignSpec {
  return loadCampaignSpec(yaml, 'fixture.yaml');
}

/** A spec built from the demo with some top-level fields replaced (already-parsed values). */
export function withFields<S extends CampaignSpec>(base: S, fields: Partial<S>): S {
  return { ...base, ...fields };
}
