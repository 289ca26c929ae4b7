import {
  add,
  astype,
  avgPool2d,
  conv2d,
  getBackend,
  matmul,
  maxPool2d,
  mean,
  reshape,
  sigmoid,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grad } from '../src/index.js';

interface Params {
  c1: Tensor;
  c3: Tensor;
  w: Tensor;
}

/** A small convolutional network touching every heavy kernel and its backward passes. */
function loss(p: Params, x: Tensor, y: Tensor): Tensor {
  const h1 = maxPool2d(tanh(conv2d(x, p.c1, { padding: 1 })), 2);
  const h2 = avgPool2d(sigmoid(conv2d(h1, p.c3)), 2);
  const out = matmul(reshape(h2, [x.shape[0]!, -1]), p.w);
  return mean(sum(square(sub(out, y)), { axis: 1 }));
}

function values(shape: readonly number[], seed: number, scale: number): Tensor {
  const n = shape.reduce((a, d) => a * d, 1);
  return tensor(
    Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 977 + i * 7.31) * scale),
    { shape },
  );
}

function normwise(a: Tensor, b: Tensor): number {
  const ad = a.data();
  const bd = b.data();
  let num = 0;
  let den = 0;
  for (let i = 0; i < bd.length; i++) {
    num += (ad[i]! - bd[i]!) ** 2;
    den += bd[i]! ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-30));
}

describe(`float32 gradients agree with float64 (${getBackend().name})`, () => {
  it('through conv2d, pooling, matmul and activations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(1000), (batch, seed) => {
        const p32: Params = {
          c1: values([3, 1, 3, 3], seed, 0.5),
          c3: values([4, 3, 3, 3], seed + 1, 0.3),
          w: values([4, 2], seed + 2, 0.5),
        };
        const x = values([batch, 1, 8, 8], seed + 3, 1);
        const y = values([batch, 2], seed + 4, 1);
        const g32 = grad(loss)(p32, x, y);
        const to64 = (t: Tensor) => astype(t, 'float64');
        const g64 = grad(loss)(
          { c1: to64(p32.c1), c3: to64(p32.c3), w: to64(p32.w) },
          to64(x),
          to64(y),
        );
        for (const k of ['c1', 'c3', 'w'] as const) {
          expect(g32[k].dtype).toBe('float32');
          expect(normwise(to64(g32[k]), g64[k])).toBeLessThan(1e-4);
        }
      }),
      { numRuns: 5 },
    );
    expect(add(tensor([1]), tensor([1])).dtype).toBe('float32');
  });
});
