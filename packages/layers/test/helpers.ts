import { checkGrads } from '@tessera/autodiff';
import { key, normal } from '@tessera/random';
import { concat, reshape, Tensor, tensor } from '@tessera/tensor';
import { flatten, type Tree, unflatten } from '@tessera/tree';
import { expect } from 'vitest';
import type { AnyLayer, ApplyContext, Flow, Shape } from '../src/index.js';

/** A float64 tensor of standard normal values, a function of `seed`. */
export function randn(
  seed: number,
  shape: Shape,
  dtype: 'float32' | 'float64' = 'float64',
): Tensor {
  return tensor(normal(key(seed), shape, { dtype }), { shape });
}

/** A batch for a layer: one tensor, or one per input shape. */
export function batchFor(
  seed: number,
  batch: number,
  inShape: Shape | readonly Shape[],
  dtype: 'float32' | 'float64' = 'float64',
): Flow {
  return isShapeList(inShape)
    ? inShape.map((s, i) => randn(seed + i, [batch, ...s], dtype))
    : randn(seed, [batch, ...inShape], dtype);
}

/** Whether a flow shape is a list of shapes (rather than one shape). */
export function isShapeList(s: Shape | readonly Shape[]): s is readonly Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** The shapes of a flow, batch axis included. */
export function shapesOf(y: Flow): number[][] | number[] {
  return y instanceof Tensor ? [...y.shape] : y.map((t) => [...t.shape]);
}

/** Expects `layer.apply` to return the shape `init` announced, with the batch axis in front. */
export function expectInitShape(
  layer: AnyLayer,
  inShape: Shape | readonly Shape[],
  batch: number,
  seed = 1,
  ctx?: ApplyContext,
): void {
  const [outShape, params] = layer.init(key(seed), inShape);
  const y = layer.apply(params, batchFor(seed, batch, inShape, 'float32'), ctx);
  const expected = isShapeList(outShape)
    ? outShape.map((s) => [batch, ...s])
    : [batch, ...(outShape as Shape)];
  expect(shapesOf(y)).toEqual(expected);
}

/**
 * Checks the derivatives of `layer.apply` with respect to its input(s) and every parameter
 * tensor against central differences in float64 (`checkGrads`: forward and reverse mode).
 */
export function expectGradsOk(
  layer: AnyLayer,
  inShape: Shape | readonly Shape[],
  batch: number,
  seed = 1,
  ctx?: ApplyContext,
): void {
  const [, params] = layer.init(key(seed), inShape);
  const x = batchFor(seed + 100, batch, inShape);
  const xs = x instanceof Tensor ? [x] : [...x];
  const [leaves, structure] = flatten(params as Tree<Tensor>);
  const f = (...args: Tensor[]): Tensor => {
    const input: Flow = x instanceof Tensor ? args[0]! : args.slice(0, xs.length);
    const p = unflatten(structure, args.slice(xs.length) as Tensor[]);
    const y = layer.apply(p, input, ctx);
    return y instanceof Tensor ? y : concat(y.map((t) => reshape(t, [-1])));
  };
  checkGrads(f, [...xs, ...(leaves as Tensor[])]);
}

/** Expects numbers close to `expected`, relative to max(1, |expected|). */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-12) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
      expect.fail(`element ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
    }
  });
}
