// diagGaussNewton against the exact diagonal of J^T J, from one vector-Jacobian product per
// output element, on small tanh networks with random sizes, values and output curvatures.
import { vjp } from '@tessera/autodiff';
import { dense, serial, Tanh } from '@tessera/layers';
import { key } from '@tessera/random';
import { type Tensor, tensor } from '@tessera/tensor';
import { leaves, type Tree } from '@tessera/tree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagGaussNewton, type Model, mlp } from '../src/index.js';
import { toFloat64 } from './float64.js';

interface Case {
  readonly n: number;
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly seed: number;
  readonly values: readonly number[];
  readonly outputCurvature: number;
}

const caseOf = (max: { n: number; outputs: number }) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: max.n }),
      inputs: fc.integer({ min: 1, max: 4 }),
      hidden: fc.integer({ min: 1, max: 3 }),
      outputs: fc.integer({ min: 1, max: max.outputs }),
      seed: fc.nat(1000),
      outputCurvature: fc.double({ min: 0.5, max: 2, noNaN: true }),
    })
    .chain((c) =>
      fc
        .array(fc.double({ min: -2, max: 2, noNaN: true }), {
          minLength: c.n * c.inputs,
          maxLength: c.n * c.inputs,
        })
        .map((values) => ({ ...c, values })),
    );

/** A float64 dense-tanh-dense network of the case's sizes, its parameters and its images. */
function setup(c: Case): { model: Model; params: unknown; images: Tensor } {
  const model: Model = {
    ...mlp(),
    layer: serial({ f1: dense(c.hidden), a1: Tanh, f2: dense(c.outputs) }),
    inputShape: [c.inputs],
  };
  const [, params] = model.layer.init(key(c.seed), model.inputShape);
  const images = tensor(Float64Array.from(c.values), { shape: [c.n, c.inputs] });
  return { model, params: toFloat64(params), images };
}

/** `c / N * sum_e (J_e)^2` over every output element `e`, one VJP with a one-hot cotangent each. */
function exactDiagonal(c: Case, model: Model, params: unknown, images: Tensor): number[] {
  const [outputs, pullback] = vjp((p: unknown) => model.layer.apply(p, images), params);
  const total = leaves(params as Tree<Tensor>).flatMap((t) => Array.from(t.data(), () => 0));
  for (let e = 0; e < outputs.size; e++) {
    const oneHot = new Float64Array(outputs.size);
    oneHot[e] = 1;
    const [g] = pullback(tensor(oneHot, { shape: outputs.shape }));
    flat(g).forEach((x, k) => {
      total[k]! += x * x;
    });
  }
  return total.map((x) => (x * c.outputCurvature) / c.n);
}

const flat = (tree: unknown): number[] =>
  leaves(tree as Tree<Tensor>).flatMap((t) => Array.from(t.data()));

describe('diagGaussNewton', () => {
  it('is exact for one example with one output, whatever the probe', () => {
    fc.assert(
      fc.property(caseOf({ n: 1, outputs: 1 }), fc.nat(1000), (c, probe) => {
        const { model, params, images } = setup(c);
        const h = diagGaussNewton(model, params, images, key(probe), {
          outputCurvature: c.outputCurvature,
        });
        const expected = exactDiagonal(c, model, params, images);
        flat(h).forEach((x, k) => {
          expect(x).toBeCloseTo(expected[k]!, 10);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('is unbiased: many probes average to the diagonal of J^T J per example', () => {
    fc.assert(
      fc.property(caseOf({ n: 3, outputs: 3 }), (c) => {
        const { model, params, images } = setup(c);
        const h = flat(
          diagGaussNewton(model, params, images, key(c.seed), {
            probes: 2000,
            outputCurvature: c.outputCurvature,
          }),
        );
        const expected = exactDiagonal(c, model, params, images);
        // One probe's relative standard deviation is at most sqrt(2); 2000 of them, about 3%.
        const scale = Math.max(...expected);
        expected.forEach((x, k) => {
          expect(Math.abs(h[k]! - x)).toBeLessThanOrEqual(0.15 * x + 1e-3 * scale + 1e-12);
        });
      }),
      { numRuns: 8 },
    );
  });
});
