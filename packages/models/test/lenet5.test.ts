import {
  BOLD_DIGIT_PROTOTYPES,
  DIGIT_PROTOTYPES,
  LayerConfigError,
  mapLoss,
  randomPrototypes,
} from '@tessera/layers';
import { key, normal } from '@tessera/random';
import { type Tensor, tensor, zeros } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lenet5 } from '../src/index.js';

type Weights = Record<string, { readonly w?: Tensor; readonly coeff?: Tensor }>;

/** Each layer's fan-in (C3's smallest per-map one, 3 maps of 5x5, whose bound is the widest). */
const FAN_IN = { c1: 25, s2: 4, c3: 75, s4: 4, c5: 400, f6: 120 } as const;

function weightsOf(init: 'paper' | 'sqrt-fan-in', seed: number): Record<string, Float64Array> {
  const [, params] = lenet5({ init }).layer.init(key(seed), [1, 32, 32]);
  const p = params as Weights;
  return Object.fromEntries(
    Object.keys(FAN_IN).map((name) => {
      const t = p[name]!.w ?? p[name]!.coeff!;
      return [name, Float64Array.from(t.data() as ArrayLike<number>)];
    }),
  );
}

const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const std = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);

describe('lenet5 init', () => {
  it("'paper' draws U(-2.4/F, 2.4/F) and 'sqrt-fan-in' U(-2.4/sqrt(F), 2.4/sqrt(F))", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const paper = weightsOf('paper', seed);
        const sqrt = weightsOf('sqrt-fan-in', seed);
        for (const [name, f] of Object.entries(FAN_IN)) {
          expect(maxAbs(paper[name]!)).toBeLessThanOrEqual(2.4 / f);
          expect(maxAbs(sqrt[name]!)).toBeLessThanOrEqual(2.4 / Math.sqrt(f));
        }
        // C5 has 48,000 weights: their spread pins the scale, 2.4 / sqrt(3 F).
        expect(std(paper.c5!)).toBeCloseTo(2.4 / 400 / Math.sqrt(3), 4);
        expect(std(sqrt.c5!) / (2.4 / Math.sqrt(3 * 400))).toBeCloseTo(1, 1);
        expect(std(sqrt.f6!) / (2.4 / Math.sqrt(3 * 120))).toBeCloseTo(1, 1);
      }),
      { numRuns: 5 },
    );
  });

  it("'sqrt-fan-in' keeps C5's weighted sums at the spread of C1's; 'paper' shrinks them", () => {
    const spread = (init: 'paper' | 'sqrt-fan-in', layer: 'c1' | 'c5') => {
      const w = weightsOf(init, 0)[layer]!;
      return std(w) * Math.sqrt(FAN_IN[layer]);
    };
    // The standard deviation of a sum of F unit-variance inputs: 1.39 for every layer with
    // the square root; 1.39 / sqrt(F) as printed (0.28 in C1, 0.07 in C5).
    expect(spread('sqrt-fan-in', 'c5') / spread('sqrt-fan-in', 'c1')).toBeCloseTo(1, 0);
    expect(spread('paper', 'c5') / spread('paper', 'c1')).toBeCloseTo(0.25, 1);
  });
});

describe('lenet5 prototypes', () => {
  it.each([
    ['stylized', DIGIT_PROTOTYPES],
    ['bold', BOLD_DIGIT_PROTOTYPES],
    ['random', randomPrototypes(key(1998), 10, 84)],
  ] as const)(
    '%s: the outputs are the squared distances from F6 to those prototypes',
    (name, p) => {
      const model = lenet5({ prototypes: name });
      const [, params] = model.layer.init(key(3), [1, 32, 32]);
      // F6 with zero weights outputs 1.7159 tanh(2b/3) for every image: a known point.
      const b = Float32Array.from(normal(key(4), [84]));
      const f6 = { w: zeros([120, 84]), b: tensor(b) };
      const images = tensor(normal(key(5), [2, 1, 32, 32]), { shape: [2, 1, 32, 32] });
      const y = model.layer.apply({ ...(params as object), f6 }, images) as Tensor;
      const x = Array.from(b, (v) => 1.7159 * Math.tanh((2 * v) / 3));
      const w = p.data();
      const expected = Array.from({ length: 10 }, (_, i) =>
        x.reduce((s, v, j) => s + (v - w[84 * i + j]!) ** 2, 0),
      );
      for (const row of y.toArray() as number[][]) {
        for (const [i, v] of row.entries()) expect(v).toBeCloseTo(expected[i]!, 3);
      }
    },
  );
});

describe('lenet5 j', () => {
  it("is the MAP loss's rubbish-class constant, default 0.1", () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.double({ min: 0.01, max: 30, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (seed, j, n) => {
          // Penalties from 0 to 40: around j, where the second term's weights change.
          const y = tensor(
            Float32Array.from(normal(key(seed), [n, 10]), (v) => 20 + 10 * v),
            {
              shape: [n, 10],
            },
          );
          const labels = tensor(
            Array.from({ length: n }, (_, i) => (seed + i) % 10),
            { dtype: 'int32' },
          );
          const loss = (t: Tensor) => t.item();
          expect(loss(lenet5({ j }).loss(y, labels))).toBeCloseTo(
            loss(mapLoss(y, labels, { j })),
            5,
          );
          expect(loss(lenet5().loss(y, labels))).toBeCloseTo(loss(mapLoss(y, labels)), 5);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('lenet5 options', () => {
  it("reject the RBF head's options with the softmax head", () => {
    expect(() => lenet5({ head: 'softmax', j: 1 })).toThrow(LayerConfigError);
    expect(() => lenet5({ head: 'softmax', prototypes: 'bold' })).toThrow(
      /prototypes and j belong to the 'rbf' head/,
    );
    expect(lenet5({ head: 'softmax', init: 'sqrt-fan-in' }).name).toBe('lenet5-softmax');
  });
});
