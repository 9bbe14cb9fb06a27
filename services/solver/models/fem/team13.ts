// B-H curve of the steel of TEAM Workshop Problem 13 ("3-D non-linear magnetostatic model").
//
// Source: T. Nakata and K. Fujiwara, "Summary of results for benchmark problem 13 (3-D nonlinear
// magnetostatic model)", COMPEL 11(3) (1992) 345-369, Table 2; the same curve is Fig. 3 of the
// Compumag problem description (https://www.compumag.org/wp/wp-content/uploads/2018/06/problem13.pdf).
// The measured table ends at 1.8 T. Above it the problem description gives Eq. (1):
//   B = mu0 H + a H^2 + b H + c,  a = -2.381e-10, b = 2.327e-5, c = 1.590   (1.8 T <= B <= 2.22 T)
//   B = mu0 H + 2.16                                                       (B >= 2.22 T)
// The rows from H = 12500 A/m on are Eq. (1) sampled (B rounded to 1e-5 T); the last row is the
// vertex of the parabola (H = b / (-2a) = 48866 A/m), where Eq. (1)'s slope is exactly mu0, so the
// linear mu0 extension beyond the table (material.ts) continues the curve with C1 smoothness.
// MFL fields of 10-35 kA/m sit in this saturated upper part (B ~ 1.83-2.16 T).

/** H in A/m, strictly increasing. */
export const TEAM13_H: readonly number[] = [
  0, 16, 30, 54, 93, 143, 191, 210, 222, 233, 247, 258, 272, 289, 313, 342, 377, 433, 509, 648, 933,
  1228, 1934, 2913, 4993, 7189, 9423,
  // Eq. (1) of the problem description, sampled:
  12500, 15000, 17500, 20000, 22500, 25000, 27500, 30000, 32500, 35000, 37500, 40000, 42500, 45000,
  47000, 48866,
];

/** B in T, the same rows as TEAM13_H. */
export const TEAM13_B: readonly number[] = [
  0, 0.0025, 0.005, 0.0125, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2,
  1.3, 1.4, 1.5, 1.55, 1.6, 1.65, 1.7, 1.75, 1.8,
  1.85938, 1.90433, 1.9463, 1.98529, 2.02131, 2.05435, 2.08442, 2.11151, 2.13562, 2.15676, 2.17492,
  2.19011, 2.20231, 2.21155, 2.21679, 2.21996,
];
