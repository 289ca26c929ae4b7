import { checkGrads, grad } from '@tessera/autodiff';
import { key, uniform } from '@tessera/random';
import { oneHot, sub, type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayerShapeError, mapLoss, mse, softmax, softmaxCrossEntropy } from '../src/index.js';
import { expectClose, randn } from './helpers.js';

const ints = (values: number[]) => tensor(values, { dtype: 'int32' });
const f64 = (values: number[][]) => tensor(values, { dtype: 'float64' });

describe("mse: the lecture's E = 1/2 sum (y - t)^2 per example, mean over the batch", () => {
  it('matches a hand computation', () => {
    // example 1: 1/2 (1 + 0) = 0.5; example 2: 1/2 (0 + 4) = 2; mean 1.25
    expect(
      mse(
        f64([
          [1, 0],
          [0, 0],
        ]),
        f64([
          [0, 0],
          [0, 2],
        ]),
      ).item(),
    ).toBe(1.25);
    // [N, C, H, W] targets sum over all non-batch axes
    const y = tensor([[[[1, 2]], [[3, 4]]]], { dtype: 'float64' });
    expect(mse(y, tensor([[[[0, 0]], [[0, 0]]]], { dtype: 'float64' })).item()).toBe(15);
  });

  it('has gradient (y - t) / N', () => {
    const y = randn(1, [3, 4]);
    const t = randn(2, [3, 4]);
    const g = grad((p: Tensor) => mse(p, t))(y);
    expectClose(
      g.data(),
      Array.from(sub(y, t).data(), (v) => v / 3),
    );
    checkGrads((p) => mse(p, t), [y]);
  });

  it('rejects shapes that differ', () => {
    expect(() => mse(randn(0, [2, 3]), randn(0, [2, 4]))).toThrow(LayerShapeError);
  });
});

describe('softmaxCrossEntropy', () => {
  it('matches a hand computation, with int labels or one-hot rows', () => {
    const logits = f64([
      [1, 2, 3],
      [0, 0, 0],
    ]);
    const e = Math.exp;
    const expected = (-Math.log(e(3) / (e(1) + e(2) + e(3))) - Math.log(1 / 3)) / 2;
    expectClose([softmaxCrossEntropy(logits, ints([2, 0])).item()], [expected]);
    expectClose(
      [softmaxCrossEntropy(logits, oneHot(ints([2, 0]), 3, { dtype: 'float64' })).item()],
      [expected],
    );
    // float32 one-hot labels are converted to the logits' dtype
    expectClose([softmaxCrossEntropy(logits, oneHot(ints([2, 0]), 3)).item()], [expected]);
  });

  it('is stable for huge logits', () => {
    const loss = softmaxCrossEntropy(f64([[1000, 0, -1000]]), ints([1])).item();
    expect(loss).toBeCloseTo(1000, 9);
    const g = grad((z: Tensor) => softmaxCrossEntropy(z, ints([0])))(f64([[1000, 0, -1000]]));
    expect(Array.from(g.data()).every(Number.isFinite)).toBe(true);
  });

  it('has gradient (softmax(z) - onehot) / N and passes checkGrads', () => {
    const z = randn(3, [4, 5]);
    const labels = ints([0, 4, 2, 2]);
    const g = grad((p: Tensor) => softmaxCrossEntropy(p, labels))(z);
    const expected = sub(softmax(z), oneHot(labels, 5, { dtype: 'float64' }));
    expectClose(
      g.data(),
      Array.from(expected.data(), (v) => v / 4),
    );
    checkGrads((p) => softmaxCrossEntropy(p, labels), [z]);
  });

  it('rejects labels of the wrong shape', () => {
    expect(() => softmaxCrossEntropy(randn(0, [2, 3]), ints([1]))).toThrow(/\[2\]/);
    expect(() => softmaxCrossEntropy(randn(0, [2, 3]), randn(0, [2, 4]))).toThrow(LayerShapeError);
  });
});

describe('mapLoss: equation 9 of LeCun et al. 1998', () => {
  /** The equation, term by term, with plain numbers. */
  const direct = (y: number[][], labels: number[], j: number) =>
    y.reduce(
      (acc, row, p) =>
        acc + row[labels[p]!]! + Math.log(Math.exp(-j) + row.reduce((s, v) => s + Math.exp(-v), 0)),
      0,
    ) / y.length;

  it('matches a direct computation on random penalties and labels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (n, k, seed, j) => {
          const flat = uniform(key(seed), [n, k], { minval: 0, maxval: 50, dtype: 'float64' });
          const y = Array.from({ length: n }, (_, p) => Array.from(flat.slice(p * k, (p + 1) * k)));
          const labels = y.map((_, p) => (seed + p) % k);
          const expected = direct(y, labels, j);
          expectClose([mapLoss(f64(y), ints(labels), { j }).item()], [expected], 1e-12);
          const rows = oneHot(ints(labels), k, { dtype: 'float64' });
          expectClose([mapLoss(f64(y), rows, { j }).item()], [expected], 1e-12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('uses j = 0.1 by default', () => {
    const y = [[1, 2, 3]];
    expectClose([mapLoss(f64(y), ints([0])).item()], [direct(y, [0], 0.1)]);
  });

  it('is stable for large penalties (all e^{-y} underflow)', () => {
    const y = [[5000, 6000]];
    const value = mapLoss(f64(y), ints([1])).item();
    expectClose([value], [6000 - 0.1], 1e-12); // log(e^{-j} + ~0) = -j
  });

  it('passes checkGrads', () => {
    const y = randn(5, [3, 4]);
    checkGrads((p) => mapLoss(p, ints([0, 3, 1])), [y]);
  });
});
