import { key } from '@tessera/random';
import { ones, type Tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import {
  avgPool2d,
  conv2d,
  countParams,
  dense,
  dropout,
  fanInConcat,
  fanInSum,
  flatten,
  LayerConfigError,
  LayerError,
  LayerShapeError,
  LENET5_C3_TABLE,
  maxPool2d,
  parallel,
  reshape,
  residual,
  serial,
  subsample2d,
  Tanh,
} from '../src/index.js';

const k = key(0);

describe('bad configurations are named errors that name the layer', () => {
  it('at construction (LayerConfigError)', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => dense(0), /dense\(0\): units must be a positive integer/],
      [() => dense(1.5), /dense\(1.5\)/],
      [() => conv2d(6, 0), /conv2d: kernel must be a positive integer/],
      [() => conv2d(6, 5, { strides: 0 }), /conv2d\(6, 5x5\): strides/],
      [() => conv2d(6, 5, { padding: -1 }), /conv2d\(6, 5x5\): padding/],
      [() => conv2d(15, 5, { table: LENET5_C3_TABLE }), /conv2d\(15, 5x5\).*15 rows.*got 16 rows/],
      [() => conv2d(2, 1, { table: [[true], [true, false]] }), /all of one length/],
      [() => conv2d(2, 1, { table: [[true], [false]] }), /output map 1 has no connection/],
      [() => dropout(1), /dropout\(1\): rate must be in \[0, 1\)/],
      [() => dropout(-0.1), /rate/],
      [() => maxPool2d(0), /maxPool2d: window/],
      [() => reshape([-1, -1]), /at most one -1/],
      [() => fanInConcat(0.5), /axis must be an integer/],
    ];
    for (const [make, message] of cases) {
      expect(make).toThrow(LayerConfigError);
      expect(make).toThrow(message);
    }
  });

  it('at init, naming the shapes (LayerShapeError)', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => conv2d(6, 5).init(k, [1, 3, 3]),
        /conv2d\(6, 5x5\): window 5x5 is larger than the padded input 3x3 \(input shape \[1,3,3\]\)/,
      ],
      [
        () => conv2d(6, 5).init(k, [32, 32]),
        /conv2d\(6, 5x5\): expects inputs of shape \[C, H, W\], got \[32,32\]/,
      ],
      [
        () => conv2d(16, 5, { table: LENET5_C3_TABLE }).init(k, [4, 14, 14]),
        /table has 6 input maps, but the input \[4,14,14\] has 4 channels/,
      ],
      [() => avgPool2d(3).init(k, [1, 2, 8]), /avgPool2d\(3x3\): window 3x3 is larger/],
      [() => subsample2d(2).init(k, [6, 1, 1]), /subsample2d\(2x2\)/],
      [() => dense(3).init(k, [0]), /dense\(3\).*non-empty/],
      [
        () => reshape([5]).init(k, [2, 3]),
        /reshape\(\[5\]\): cannot reshape inputs of shape \[2,3\]/,
      ],
      [() => fanInSum.init(k, [[2], [3]]), /fanInSum: .*\[2\], \[3\]/],
      [
        () =>
          fanInConcat(0).init(k, [
            [2, 3],
            [2, 4],
          ]),
        /cannot concatenate/,
      ],
      [() => parallel(Tanh, Tanh).init(k, [[2]]), /expects 2 inputs, got 1/],
      [() => residual(dense(3)).init(k, [2]), /residual: the inner layer maps \[2\] to \[3\]/],
      [() => flatten().init(k, [[2], [3]] as never), /flatten\(\): expects one input shape/],
    ];
    for (const [make, message] of cases) {
      expect(make).toThrow(LayerShapeError);
      expect(make).toThrow(message);
    }
  });

  it('inside combinators, with the path to the layer', () => {
    const net = serial({ c1: conv2d(6, 5), s2: subsample2d(2), c3: conv2d(16, 5) });
    expect(() => net.init(k, [1, 12, 12])).toThrow(/^at c3: conv2d\(16, 5x5\): window 5x5/);
    const nested = serial({ features: net });
    expect(() => nested.init(k, [1, 12, 12])).toThrow(/^at features\.c3: conv2d/);
    const arrays = serial(dense(2), parallel(Tanh), fanInSum);
    expect(() => arrays.init(k, [3])).toThrow(/^at \[1\]: parallel/);
  });

  it('all extend LayerError', () => {
    expect(new LayerShapeError('x')).toBeInstanceOf(LayerError);
    expect(new LayerConfigError('x').name).toBe('LayerConfigError');
  });
});

describe('countParams', () => {
  it('sums tensor sizes over a tree, counting null as nothing', () => {
    expect(countParams(null)).toBe(0);
    expect(countParams([null, { w: ones([3, 4]), b: ones([4]) }, [ones([2])]])).toBe(18);
  });

  it('rejects leaves that are not tensors', () => {
    expect(() => countParams({ w: 3 as unknown as Tensor })).toThrow(TypeError);
  });
});
