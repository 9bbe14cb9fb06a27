// Which simulations of a campaign form its verification sample. A pure function of the
// simulation's identity (its content hash) and the fraction, so the sample is the same whatever
// the batching, across retries, restarts and resumed campaigns, and an identical simulation in
// another campaign with the same fraction is sampled too.

/** Hex digits of the content hash read as the sample position: 52 bits, exact in a double. */
const POSITION_HEX_DIGITS = 13;
const POSITION_SCALE = 2 ** (4 * POSITION_HEX_DIGITS);

/** The simulation's place in [0, 1): the first 52 bits of its sha256 content hash. */
export function samplePosition(contentHash: string): number {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new TypeError(`samplePosition: a content hash is 64 lowercase hex digits (got '${contentHash}')`);
  return Number.parseInt(contentHash.slice(0, POSITION_HEX_DIGITS), 16) / POSITION_SCALE;
}

/** True when the simulation is in a verification sample of `fraction` (0..1). */
export function inVerificationSample(contentHash: string, fraction: number): boolean {
  return samplePosition(contentHash) < fraction;
}
