/**
 * Logistic regression by maximum likelihood (Newton's method with a little L2 regularisation, so a
 * small labelled set cannot push the weights to infinity). Shared by retrieval's confidence
 * (fit-confidence.ts) and the conversation model (scripts/fit-conversation-model.ts). Returns the
 * intercept and weights (beta[0] and beta[1…]), the mean log loss and the expected calibration error
 * (ECE, 10 bins) on the same examples.
 */
export function fitLogistic(
  rows: number[][],
  outcomes: boolean[],
  ridge = 0.5,
): { beta: number[]; logLoss: number; expectedCalibrationError: number } {
  const k = rows[0]?.length ?? 0;
  const labels = outcomes.map((outcome) => (outcome ? 1 : 0));
  const n = Math.max(rows.length, 1);
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const withBias = rows.map((row) => [1, ...row]);
  const beta = new Array<number>(k + 1).fill(0);
  const predict = (row: number[]) => sigmoid(row.reduce((z, value, j) => z + beta[j + 1] * value, beta[0]));
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(k + 1).fill(0);
    const hessian = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    withBias.forEach((x, index) => {
      const p = sigmoid(x.reduce((z, value, j) => z + beta[j] * value, 0));
      const w = p * (1 - p);
      for (let a = 0; a <= k; a++) {
        gradient[a] += (p - labels[index]) * x[a];
        for (let b = 0; b <= k; b++) hessian[a][b] += w * x[a] * x[b];
      }
    });
    for (let a = 1; a <= k; a++) {
      gradient[a] += ridge * beta[a];
      hessian[a][a] += ridge;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let a = 0; a <= k; a++) {
      beta[a] -= step[a];
      largest = Math.max(largest, Math.abs(step[a]));
    }
    if (largest < 1e-8) break;
  }
  let logLoss = 0;
  const bins = Array.from({ length: 10 }, () => ({ count: 0, predicted: 0, actual: 0 }));
  rows.forEach((row, index) => {
    const p = Math.min(Math.max(predict(row), 1e-9), 1 - 1e-9);
    logLoss -= labels[index] === 1 ? Math.log(p) : Math.log(1 - p);
    const bin = bins[Math.min(9, Math.floor(p * 10))];
    bin.count += 1;
    bin.predicted += p;
    bin.actual += labels[index];
  });
  const expectedCalibrationError = bins.reduce(
    (sum, bin) => sum + (bin.count === 0 ? 0 : Math.abs(bin.predicted - bin.actual) / n),
    0,
  );
  return { beta, logLoss: logLoss / n, expectedCalibrationError };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot], a[column]];
    for (let row = column + 1; row < size; row++) {
      const factor = a[row][column] / a[column][column];
      for (let j = column; j <= size; j++) a[row][j] -= factor * a[column][j];
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = a[row][size];
    for (let j = row + 1; j < size; j++) sum -= a[row][j] * x[j];
    x[row] = sum / a[row][row];
  }
  return x;
}
