import { type NestedArray, type Tensor, tensor } from '@tessera/tensor';
import { leaves, map, type Tree } from '@tessera/tree';
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  applyUpdates,
  type GradientTransformation,
  type TensorTree,
  type UpdateExtras,
} from '../src/index.js';

/** A float64 tensor, so tests compare with plain JS numbers to 1e-12. */
export function f64(values: NestedArray): Tensor {
  return tensor(values, { dtype: 'float64' });
}

/** The values of every tensor in a tree, as nested arrays. */
export function values(tree: TensorTree): Tree<NestedArray> {
  return map(tree, (t) => t.toArray());
}

/** All the numbers of a tree of tensors, leaf after leaf, flattened. */
export function flatNumbers(tree: TensorTree): number[] {
  return leaves(tree).flatMap((t) => Array.from(t.data()));
}

/** Expects `actual` close to `expected` elementwise, relative to max(1, |expected|). */
export function expectClose(actual: readonly number[], expected: readonly number[], tol = 1e-12) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    const ok = Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
    if (!ok) expect.fail(`element ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
  });
}

/** One training step: update, then apply; returns the new params and state. */
export function step<S extends Tree<Tensor | number>>(
  optimizer: GradientTransformation<S>,
  params: TensorTree,
  state: S,
  grads: TensorTree,
  extra?: UpdateExtras,
): [TensorTree, S] {
  const [updates, next] = optimizer.update(grads, state, params, extra);
  return [applyUpdates(params, updates), next];
}

/**
 * Runs `optimizer` from `params` with gradients from `gradient` until `done` or `maxSteps`;
 * returns the final params and the number of steps taken.
 */
export function minimise<S extends Tree<Tensor | number>>(
  optimizer: GradientTransformation<S>,
  params: TensorTree,
  gradient: (params: TensorTree) => TensorTree,
  done: (params: TensorTree) => boolean,
  maxSteps: number,
  extra?: (params: TensorTree, step: number) => UpdateExtras | undefined,
): { params: TensorTree; steps: number } {
  let state = optimizer.init(params);
  let steps = 0;
  while (steps < maxSteps && !done(params)) {
    [params, state] = step(optimizer, params, state, gradient(params), extra?.(params, steps));
    steps++;
  }
  return { params, steps };
}

/** A symmetric positive-definite quadratic `f(x) = x'Ax/2 - b'x` with a known minimiser. */
export interface Quadratic {
  readonly a: number[][];
  readonly b: number[];
  /** The minimiser `A^-1 b`. */
  readonly xStar: number[];
}

/**
 * `A = H diag(lambda) H` with `H = I - 2vv'/v'v` a Householder reflection (its own inverse), so
 * `A^-1 b = H diag(1/lambda) H b` without solving, and the condition number is at most
 * `max(lambda) / min(lambda)`.
 */
export function quadratic(lambda: readonly number[], v: readonly number[], b: readonly number[]) {
  const n = lambda.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  const h = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
  const hx = (x: readonly number[]) => x.map((_, i) => x.reduce((s, xj, j) => s + h(i, j) * xj, 0));
  const a = lambda.map((_, i) =>
    lambda.map((_, j) => lambda.reduce((s, l, k) => s + h(i, k) * l * h(k, j), 0)),
  );
  const xStar = hx(hx(b).map((y, i) => y / lambda[i]!));
  return { a, b: [...b], xStar, n } as Quadratic & { n: number };
}

/** Random quadratics of 2 to 4 variables with eigenvalues in [0.5, 5] (condition <= 10). */
export const quadratics = fc
  .integer({ min: 2, max: 4 })
  .chain((n) =>
    fc.record({
      lambda: fc.array(fc.double({ min: 0.5, max: 5, noNaN: true }), {
        minLength: n,
        maxLength: n,
      }),
      v: fc
        .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n })
        .filter((v) => v.reduce((s, x) => s + x * x, 0) > 0.01),
      b: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ lambda, v, b }) => quadratic(lambda, v, b));

/** `A x - b` for params `{ x }`. */
export function quadraticGradient(q: Quadratic) {
  return (params: TensorTree): TensorTree => {
    const x = xOf(params);
    return { x: f64(q.a.map((row, i) => row.reduce((s, aij, j) => s + aij * x[j]!, 0) - q.b[i]!)) };
  };
}

/** The vector of params `{ x }`. */
export function xOf(params: TensorTree): number[] {
  return flatNumbers(params);
}

export function distance(x: readonly number[], y: readonly number[]): number {
  return Math.sqrt(x.reduce((s, xi, i) => s + (xi - y[i]!) ** 2, 0));
}

/** Rosenbrock's function `(1 - x)^2 + 100 (y - x^2)^2` on params `{ x, y }` (scalars). */
export function rosenbrockGradient(params: TensorTree): TensorTree {
  const [x, y] = rosenbrockPoint(params);
  return {
    x: f64(-2 * (1 - x) - 400 * x * (y - x * x)),
    y: f64(200 * (y - x * x)),
  };
}

/**
 * The diagonal of the Gauss-Newton matrix of Rosenbrock's function as a sum of squares
 * `r1^2 + r2^2`, `r1 = 1 - x`, `r2 = 10 (y - x^2)`: `2 J'J` with `J = [[-1, 0], [-20x, 10]]`.
 */
export function rosenbrockCurvature(params: TensorTree): TensorTree {
  const [x] = rosenbrockPoint(params);
  return { x: f64(2 + 800 * x * x), y: f64(200) };
}

/** `[x, y]` of Rosenbrock params (leaves in sorted key order: x, y). */
export function rosenbrockPoint(params: TensorTree): [number, number] {
  const [x, y] = flatNumbers(params);
  return [x!, y!];
}
