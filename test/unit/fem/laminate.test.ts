// The laminate law of cut elements (laminate.ts): its limits, its interface conditions, and its
// tangent against finite differences of its flux.

import { laminate, laminateOut } from '../../../services/solver/models/fem/laminate';
import { LinearMaterial, TEAM13 } from '../../../services/solver/models/fem/material';

const unit = (v: number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const N = unit([0.3, -0.5, 0.8]);

describe('FEM cut-element laminate', () => {
  it('is the steel law at f = 1 and air at f = 0', () => {
    const out = laminateOut();
    const h = [18000, -3000, 5000];
    laminate(TEAM13, 1, N, h, false, out);
    const mu = new Float64Array(2);
    TEAM13.evaluate(Math.hypot(...h), mu);
    h.forEach((v, i) => expect(out.b[i]! / (mu[0]! * v)).toBeCloseTo(1, 9));
    laminate(TEAM13, 0, N, h, false, out);
    h.forEach((v, i) => expect(out.b[i]).toBeCloseTo(v, 6));
  });

  it('averages a linear steel arithmetically along the interface and harmonically across it', () => {
    const out = laminateOut();
    const mur = 500;
    const f = 0.3;
    laminate(new LinearMaterial('linear-500', mur), f, [0, 0, 1], [1000, 2000, 3000], false, out);
    expect(out.b[0]! / 1000).toBeCloseTo(f * mur + 1 - f, 9);
    expect(out.b[1]! / 2000).toBeCloseTo(f * mur + 1 - f, 9);
    expect(out.b[2]! / 3000).toBeCloseTo(1 / (f / mur + (1 - f)), 9);
  });

  it.each([0.05, 0.5, 0.93])('has the symmetric tangent of its flux (f = %s)', (f) => {
    const out = laminateOut();
    for (const h of [
      [20000, 1500, -4000],
      [300, 200, 900],
      [-45000, 20000, 60000],
    ]) {
      laminate(TEAM13, f, N, h, false, out);
      const t = Float64Array.from(out.t);
      const scale = Math.max(...t.map(Math.abs));
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) expect(Math.abs(t[i * 3 + j]! - t[j * 3 + i]!)).toBeLessThan(1e-9 * scale);
      for (let j = 0; j < 3; j++) {
        const dh = 1e-4 * Math.hypot(...h);
        const plus = [...h];
        const minus = [...h];
        plus[j]! += dh;
        minus[j]! -= dh;
        laminate(TEAM13, f, N, plus, false, out);
        const bp = Float64Array.from(out.b);
        laminate(TEAM13, f, N, minus, false, out);
        for (let i = 0; i < 3; i++) expect(Math.abs((bp[i]! - out.b[i]!) / (2 * dh) - t[i * 3 + j]!)).toBeLessThan(2e-4 * scale);
      }
    }
  });

  it('keeps normal B and tangential H continuous between its phases', () => {
    // The air phase's normal H equals b.n (continuous normal B); tangential b = (f mu + 1 - f) h_t.
    const out = laminateOut();
    const f = 0.4;
    const h = [15000, 2000, 7000];
    laminate(TEAM13, f, N, h, false, out);
    const hn = h[0]! * N[0]! + h[1]! * N[1]! + h[2]! * N[2]!;
    const bn = out.b[0]! * N[0]! + out.b[1]! * N[1]! + out.b[2]! * N[2]!;
    // The phases' normal fields average to h.n: f s + (1 - f) a = hn with a = bn.
    const s = (hn - (1 - f) * bn) / f;
    const ht = h.map((v, i) => v - hn * N[i]!);
    const mu = new Float64Array(2);
    TEAM13.evaluate(Math.hypot(...ht.map((v, i) => v + s * N[i]!)), mu);
    expect((mu[0]! * s) / bn).toBeCloseTo(1, 9);
    const bt = Array.from(out.b).map((v, i) => v - bn * N[i]!);
    bt.forEach((v, i) => expect(v).toBeCloseTo((f * mu[0]! + 1 - f) * ht[i]!, 4));
  });
});
