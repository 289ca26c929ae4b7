// Checking derivatives against central differences: on a small function, then on a layer
// (with respect to its input and every parameter), then on a deliberately wrong rule.
// Run: pnpm --filter @tessera/examples gradient-check
import { checkGrads, customVjp, GradientCheckError, grad } from '@tessera/autodiff';
import { conv2d, dense, flatten, type Layer, serial, Tanh } from '@tessera/layers';
import { key, normal, split } from '@tessera/random';
import { add, matmul, mul, square, sub, sum, type Tensor, tanh, tensor } from '@tessera/tensor';
import { flatten as flattenTree, unflatten } from '@tessera/tree';
import { runIfMain } from './lib.js';

/** A float64 tensor of standard normal values drawn from `seed`. */
export function randn(seed: number, shape: readonly number[]): Tensor {
  return tensor(normal(key(seed), shape, { dtype: 'float64' }), { shape });
}

/**
 * Checks a layer's derivatives with respect to its input and all its parameters (to second
 * order) at a random float64 batch. The layer must be built with `dtype: 'float64'`.
 * `checkGrads` wants a function of tensors, so the parameter tree is flattened into leaves,
 * and the output is reduced to a scalar along a fixed random direction `u`.
 * Returns the number of values checked.
 */
export function checkLayerGrads(layer: Layer, inShape: readonly number[], batch = 2): number {
  const [initKey, xKey] = split(key(0));
  const [outShape, params] = layer.init(initKey!, inShape);
  const [leaves, structure] = flattenTree<Tensor>(params as never);
  const x = tensor(normal(xKey!, [batch, ...inShape], { dtype: 'float64' }), {
    shape: [batch, ...inShape],
  });
  const u = randn(1, [batch, ...outShape]);
  const f = (input: Tensor, ...ps: Tensor[]) =>
    sum(mul(layer.apply(unflatten(structure, ps) as never, input), u));
  checkGrads(f, [x, ...leaves], { order: 2 });
  return [x, ...leaves].reduce((n, t) => n + t.size, 0);
}

/** What {@link gradientChecks} found, as printable lines. */
export function gradientChecks(): string[] {
  const lines: string[] = [];

  // 1. A small function of two arguments: f(x, w) = sum(tanh(x w)).
  const f = (x: Tensor, w: Tensor) => sum(tanh(matmul(x, w)));
  const x = randn(2, [3, 4]);
  const w = randn(3, [4, 2]);
  checkGrads(f, [x, w], { order: 2 });
  lines.push('f(x, w) = sum(tanh(x w)), x [3, 4], w [4, 2]: forward and reverse, order 2: passed');

  // What checkGrads compares, by hand for one element: the gradient against
  // (f(w + eps e) - f(w - eps e)) / (2 eps).
  const eps = 1e-5;
  const e = tensor(
    Array.from({ length: 8 }, (_, i) => (i === 0 ? eps : 0)),
    { shape: [4, 2], dtype: 'float64' },
  );
  const fd = (f(x, add(w, e)).item() - f(x, sub(w, e)).item()) / (2 * eps);
  const g = grad(f, { argnums: 1 })(x, w).toArray() as number[][];
  lines.push(`  df/dw[0,0]: reverse mode ${g[0]![0]}, central difference ${fd}`);

  // 2. A layer: a small convolutional network, with respect to its input and 4 parameters.
  const net = serial(
    conv2d(2, 3, { dtype: 'float64' }),
    Tanh,
    flatten(),
    dense(3, { dtype: 'float64' }),
  );
  const checked = checkLayerGrads(net, [1, 5, 5]);
  lines.push(
    `conv2d(2, 3) -> tanh -> dense(3) on [2, 1, 5, 5]: ${checked} values, order 2: passed`,
  );

  // 3. A wrong rule is caught: the derivative of x^2 written as x instead of 2x.
  const badSquare = customVjp(
    (t: Tensor) => square(t),
    (t: Tensor) => [square(t), t] as const,
    (t: Tensor, ct: Tensor) => [mul(ct, t)],
  );
  try {
    checkGrads((t: Tensor) => sum(badSquare(t)), [randn(4, [3])], { modes: ['rev'] });
    lines.push('badSquare: passed (it should not have)');
  } catch (error) {
    if (!(error instanceof GradientCheckError)) throw error;
    lines.push(`badSquare: ${error.message}`);
  }
  return lines;
}

runIfMain(import.meta.url, () => {
  for (const line of gradientChecks()) console.log(line);
});
