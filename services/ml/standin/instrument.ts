// A STAND-IN MFL tool: what a real inspection tool does to the field a solver computes. Applied to
// fine FEM maps it makes the "measured" half of stand-in field verifications
// (services/field-verification); applied to dipole maps, the stand-in measured sets (generate.ts).
//
// - Lift-off: the tool rides `liftOffOffsetMm` higher than simulated (worn shoes), with a per-map
//   wobble. Above the wall the leakage field is a potential field, so raising the sensor plane by d
//   multiplies each 2D Fourier component of every field component by exp(-|k| d) (upward
//   continuation); downward continuation is unstable, so offsets below 0 are refused.
// - Sensor footprint: each sensor averages the field over its sensitive area (a box filter, sinc
//   in the Fourier domain).
// - Axial lag: an exponential lag along the scan direction (tool velocity, eddy currents).
// - Gains: a calibration gain and a spread per sensor and channel, fixed for the tool.
// - Dead sensors: whole circumferential sensors reading 0, fixed for the tool.
// - Noise: white, in tesla.
// Tool properties depend on the tool seed only; a map's wobble and noise on (seed, map index), so
// map k of a set is the same whatever else is generated.
import type { SensorGridSpec } from '../../domain/defect';
import { SeededRandom, mixSeed } from './random';

export interface InstrumentModel {
  liftOffOffsetMm: number;
  /** Standard deviation of the per-map lift-off, added to the offset (the result is kept >= 0). */
  liftOffWobbleMm: number;
  sensorFootprintMm: { axial: number; circumferential: number };
  gain: number;
  /** Log-normal spread of the per-sensor, per-channel gains. */
  sensorGainSpread: number;
  /** 0 (none) to below 1: y[i] = (1 - lag) x[i] + lag y[i-1] along the axial direction. */
  axialLag: number;
  noiseTesla: number;
  deadSensors: number;
}

export const STAND_IN_INSTRUMENT: InstrumentModel = {
  liftOffOffsetMm: 0.5,
  liftOffWobbleMm: 0.25,
  sensorFootprintMm: { axial: 2, circumferential: 3 },
  gain: 0.92,
  sensorGainSpread: 0.06,
  axialLag: 0.25,
  noiseTesla: 3e-4,
  deadSensors: 2,
};

export function describeInstrument(m: InstrumentModel): string {
  return (
    `lift-off +${m.liftOffOffsetMm}±${m.liftOffWobbleMm} mm, sensor footprint ${m.sensorFootprintMm.axial}x${m.sensorFootprintMm.circumferential} mm, ` +
    `gain ${m.gain} with a ${m.sensorGainSpread} per-sensor spread, axial lag ${m.axialLag}, noise ${(m.noiseTesla * 1e3).toPrecision(2)} mT, ${m.deadSensors} dead sensors`
  );
}

/** Problems with a model's numbers, each naming the field and what is allowed. */
export function instrumentProblems(m: InstrumentModel, grid: Pick<SensorGridSpec, 'circumferentialCount'>): string[] {
  const out: string[] = [];
  const check = (field: string, v: number, ok: boolean, allowed: string) => {
    if (!Number.isFinite(v) || !ok) out.push(`instrument.${field}: must be ${allowed} (got ${v})`);
  };
  check('liftOffOffsetMm', m.liftOffOffsetMm, m.liftOffOffsetMm >= 0 && m.liftOffOffsetMm <= 5, 'from 0 to 5 mm (the tool cannot sit below the simulated sensors)');
  check('liftOffWobbleMm', m.liftOffWobbleMm, m.liftOffWobbleMm >= 0 && m.liftOffWobbleMm <= 2, 'from 0 to 2 mm');
  check('sensorFootprintMm.axial', m.sensorFootprintMm.axial, m.sensorFootprintMm.axial >= 0 && m.sensorFootprintMm.axial <= 20, 'from 0 to 20 mm');
  check('sensorFootprintMm.circumferential', m.sensorFootprintMm.circumferential, m.sensorFootprintMm.circumferential >= 0 && m.sensorFootprintMm.circumferential <= 20, 'from 0 to 20 mm');
  check('gain', m.gain, m.gain > 0 && m.gain <= 10, 'above 0 and at most 10');
  check('sensorGainSpread', m.sensorGainSpread, m.sensorGainSpread >= 0 && m.sensorGainSpread <= 1, 'from 0 to 1');
  check('axialLag', m.axialLag, m.axialLag >= 0 && m.axialLag < 1, 'from 0 to below 1');
  check('noiseTesla', m.noiseTesla, m.noiseTesla >= 0 && m.noiseTesla <= 0.01, 'from 0 to 0.01 T');
  check('deadSensors', m.deadSensors, Number.isInteger(m.deadSensors) && m.deadSensors >= 0 && m.deadSensors < grid.circumferentialCount, `an integer from 0 to ${grid.circumferentialCount - 1} (the grid's sensors)`);
  return out;
}

/** The fixed properties of one tool: per-sensor gains [3 x circumferential] and its dead sensors. */
export interface InstrumentTool {
  gains: Float64Array;
  dead: number[];
}

export function instrumentTool(m: InstrumentModel, grid: Pick<SensorGridSpec, 'circumferentialCount'>, toolSeed: number): InstrumentTool {
  const problems = instrumentProblems(m, grid);
  if (problems.length) throw new RangeError(problems.join('; '));
  const rng = new SeededRandom(mixSeed(toolSeed, 0x7001));
  const c = grid.circumferentialCount;
  const gains = Float64Array.from({ length: 3 * c }, () => m.gain * Math.exp(m.sensorGainSpread * rng.normal()));
  const order = Array.from({ length: c }, (_, j) => j);
  for (let j = c - 1; j > 0; j--) {
    const k = Math.floor(rng.uniform() * (j + 1));
    [order[j], order[k]] = [order[k]!, order[j]!];
  }
  return { gains, dead: order.slice(0, m.deadSensors).sort((a, b) => a - b) };
}

/** In-place radix-2 complex FFT of length n (a power of 2); `inverse` scales by 1/n. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
  if (!inverse) return;
  for (let i = 0; i < n; i++) {
    re[i]! /= n;
    im[i]! /= n;
  }
}

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(n));
const sinc = (x: number) => (Math.abs(x) < 1e-12 ? 1 : Math.sin(x) / x);

/**
 * Filters one channel plane [axial x circumferential] by a transfer function of the wavenumbers
 * (rad/mm). Zero-padded to twice the size so the periodic FFT does not wrap the map's edges onto each other.
 */
function filterPlane(plane: Float32Array, nx: number, ny: number, pitch: { ax: number; ci: number }, transfer: (kx: number, ky: number) => number): Float64Array {
  const px = nextPow2(2 * nx);
  const py = nextPow2(2 * ny);
  const re = new Float64Array(px * py);
  const im = new Float64Array(px * py);
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) re[i * py + j] = plane[i * ny + j]!;
  const rowRe = new Float64Array(py);
  const rowIm = new Float64Array(py);
  const colRe = new Float64Array(px);
  const colIm = new Float64Array(px);
  const pass = (inverse: boolean) => {
    for (let i = 0; i < px; i++) {
      rowRe.set(re.subarray(i * py, (i + 1) * py));
      rowIm.set(im.subarray(i * py, (i + 1) * py));
      fft(rowRe, rowIm, inverse);
      re.set(rowRe, i * py);
      im.set(rowIm, i * py);
    }
    for (let j = 0; j < py; j++) {
      for (let i = 0; i < px; i++) {
        colRe[i] = re[i * py + j]!;
        colIm[i] = im[i * py + j]!;
      }
      fft(colRe, colIm, inverse);
      for (let i = 0; i < px; i++) {
        re[i * py + j] = colRe[i]!;
        im[i * py + j] = colIm[i]!;
      }
    }
  };
  pass(false);
  for (let i = 0; i < px; i++) {
    const kx = ((2 * Math.PI) / (px * pitch.ax)) * (i <= px / 2 ? i : i - px);
    for (let j = 0; j < py; j++) {
      const ky = ((2 * Math.PI) / (py * pitch.ci)) * (j <= py / 2 ? j : j - py);
      const h = transfer(kx, ky);
      re[i * py + j]! *= h;
      im[i * py + j]! *= h;
    }
  }
  pass(true);
  const out = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) out[i * ny + j] = re[i * py + j]!;
  return out;
}

/**
 * What the tool would record over the field `map` ([3, axial, circumferential] tesla, on `grid`).
 * `mapSeed` drives the map's wobble and noise; returns the lift-off used (mm above the simulated one).
 */
export function applyInstrument(
  map: Float32Array,
  grid: Pick<SensorGridSpec, 'axialCount' | 'circumferentialCount' | 'axialPitchMm' | 'circumferentialPitchMm'>,
  m: InstrumentModel,
  tool: InstrumentTool,
  mapSeed: number,
): { measured: Float32Array; liftOffDeltaMm: number } {
  const nx = grid.axialCount;
  const ny = grid.circumferentialCount;
  const plane = nx * ny;
  if (map.length !== 3 * plane) throw new RangeError(`map has ${map.length} values, expected 3 x ${nx} x ${ny}`);
  const rng = new SeededRandom(mixSeed(mapSeed, 0x1d0));
  const liftOffDeltaMm = Math.max(0, m.liftOffOffsetMm + m.liftOffWobbleMm * rng.normal());
  const { axial: fa, circumferential: fc } = m.sensorFootprintMm;
  const transfer = (kx: number, ky: number) => Math.exp(-Math.hypot(kx, ky) * liftOffDeltaMm) * sinc((kx * fa) / 2) * sinc((ky * fc) / 2);
  const measured = new Float32Array(3 * plane);
  const dead = new Set(tool.dead);
  for (let c = 0; c < 3; c++) {
    const filtered = filterPlane(map.subarray(c * plane, (c + 1) * plane), nx, ny, { ax: grid.axialPitchMm, ci: grid.circumferentialPitchMm }, transfer);
    for (let j = 0; j < ny; j++) {
      let lagged = 0;
      for (let i = 0; i < nx; i++) {
        const v = filtered[i * ny + j]!;
        lagged = i === 0 ? v : (1 - m.axialLag) * v + m.axialLag * lagged;
        const at = c * plane + i * ny + j;
        measured[at] = dead.has(j) ? 0 : tool.gains[c * ny + j]! * lagged + m.noiseTesla * rng.normal();
      }
    }
  }
  return { measured, liftOffDeltaMm };
}
