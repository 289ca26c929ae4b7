// Fits y = 3x - 2 by gradient descent on the mean squared error, with the gradient written
// by hand: d/dw mean((Xw - y)^2) = 2 X^T (Xw - y) / n. It exercises creation, broadcasting,
// matmul, transpose and reductions of @tessera/tensor, and prints what it computes.
import {
  add,
  arange,
  concat,
  div,
  expandDims,
  matmul,
  mean,
  mul,
  onesLike,
  reshape,
  square,
  sub,
  tensor,
  transpose,
} from '@tessera/tensor';

const n = 64;
const f64 = { dtype: 'float64' };
const x = expandDims(div(arange(n, undefined, 1, f64), n), 1);
// A fixed pseudo-random wobble in [-0.06, 0.06] stands in for noise, so runs are reproducible.
const noise = tensor(
  Array.from({ length: n }, (_, i) => (((i * 7919) % 13) - 6) / 100),
  { ...f64, shape: [n, 1] },
);
const y = add(sub(mul(x, 3), 2), noise);
const design = concat([x, onesLike(x)], 1); // columns: x, 1

let w = tensor([[0], [0]], f64);
const learningRate = 0.5;
for (let step = 0; step <= 200; step++) {
  const residual = sub(matmul(design, w), y);
  if (step % 50 === 0) {
    const mse = mean(square(residual)).item();
    console.log(`step ${String(step).padStart(4)}  mse ${mse.toExponential(3)}`);
  }
  const gradient = div(mul(matmul(transpose(design), residual), 2), n);
  w = sub(w, mul(gradient, learningRate));
}
const [slope, intercept] = reshape(w, [-1]).toArray();
const sign = intercept < 0 ? '-' : '+';
console.log(
  `fitted y = ${slope.toFixed(4)} x ${sign} ${Math.abs(intercept).toFixed(4)}  (true: y = 3 x - 2)`,
);
console.log(`w = ${w}`);
