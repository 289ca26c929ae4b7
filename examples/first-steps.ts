// First steps: a tensor, an op, a gradient. Run: pnpm --filter @tessera/examples first-steps
import { grad } from '@tessera/autodiff';
import { matmul, softmax, sum, type Tensor, tanh, tensor } from '@tessera/tensor';
import { runIfMain } from './lib.js';

/** What {@link firstSteps} computes, returned for the tests and printed by `main`. */
export interface FirstSteps {
  readonly product: Tensor;
  readonly probabilities: Tensor;
  readonly gradient: Tensor;
}

export function firstSteps(): FirstSteps {
  // A tensor is an immutable n-dimensional array: float32 unless told otherwise.
  const x = tensor([
    [1, 2],
    [3, 4],
  ]);
  const product = matmul(x, x); // [[7, 10], [15, 22]]
  const probabilities = softmax(tensor([1, 2, 3])); // sums to 1

  // A gradient: d/dw sum(tanh(w)) = 1 - tanh(w)^2, elementwise.
  const f = (w: Tensor) => sum(tanh(w));
  const gradient = grad(f)(tensor([0, 0.5, 1]));
  return { product, probabilities, gradient };
}

function main(): void {
  const { product, probabilities, gradient } = firstSteps();
  console.log(`x @ x =\n${product}`);
  console.log(`softmax([1, 2, 3]) = ${probabilities}`);
  console.log(`grad(sum(tanh(w)))([0, 0.5, 1]) = ${gradient}`);
}

runIfMain(import.meta.url, main);
