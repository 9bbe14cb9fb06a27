// Least-squares fit of the calibration (ridge-stabilised normal equations; the features are few
// and well scaled, so a small dense solve is enough).

/** Coefficients beta minimising sum (X beta - y)^2 + lambda |beta[1..]|^2. */
export function leastSquares(X: readonly (readonly number[])[], y: readonly number[], lambda = 1e-6): number[] {
  const n = X[0]?.length ?? 0;
  if (X.length !== y.length || X.length < n) throw new RangeError(`leastSquares: ${X.length} rows for ${n} coefficients and ${y.length} targets`);
  const A = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  X.forEach((row, r) => {
    for (let i = 0; i < n; i++) {
      b[i]! += row[i]! * y[r]!;
      for (let j = 0; j < n; j++) A[i]![j]! += row[i]! * row[j]!;
    }
  });
  for (let i = 1; i < n; i++) A[i]![i]! += lambda * X.length;
  // Cholesky A = L L^T, then two triangular solves.
  const L = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('leastSquares: the features are linearly dependent on this sample');
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const beta = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * beta[k]!;
    beta[i] = s / L[i]![i]!;
  }
  return beta;
}
