import type { FloatDType, Key } from '@tessera/random';
import { split } from '@tessera/random';
import { add, mul, reshape, sumPool2d, type Tensor } from '@tessera/tensor';
import { zeros } from '../initializers/constant.js';
import { lecun1998Uniform } from '../initializers/lecun1998-uniform.js';
import type { Initializer } from '../initializers/types.js';
import { expectRank, toPair } from '../shapes.js';
import type { Layer } from '../types.js';
import { slidingOutput } from './conv-geometry.js';

/**
 * Options of {@link subsample2d}.
 *
 * @example
 * ```ts
 * const options: Subsample2dOptions = { init: constant(0.25) }; // start as average pooling
 * ```
 */
export interface Subsample2dOptions {
  /** Step between windows; default: the window (no overlap, as in LeNet-5). */
  readonly strides?: number | readonly [number, number];
  /**
   * Initialiser of the coefficients; default {@link lecun1998Uniform} with fan-in the window
   * area (4 for 2x2, so `U(-0.6, 0.6)`) and fan-out 1.
   */
  readonly init?: Initializer;
  /** Initialiser of the biases; default {@link zeros}. */
  readonly biasInit?: Initializer;
  /** dtype of the parameters; default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * Parameters of {@link subsample2d}: one coefficient and one bias per input map.
 *
 * @example
 * ```ts
 * const [, p] = subsample2d(2).init(key(0), [6, 28, 28]);
 * p.coeff.shape; // [6]
 * ```
 */
export interface Subsample2dParams {
  /** Trainable coefficient per map `[C]`. */
  readonly coeff: Tensor;
  /** Trainable bias per map `[C]`. */
  readonly bias: Tensor;
}

/**
 * LeNet-5's trainable subsampling (LeCun et al. 1998, Section II-B, layers S2 and S4): "the
 * four inputs to a unit in S2 are added, then multiplied by a trainable coefficient, and added
 * to a trainable bias", one coefficient and one bias per feature map:
 * `y[c] = coeff[c] * sumPool(x[c]) + bias[c]`. The paper then squashes the result with its
 * sigmoid; add that as a separate layer ({@link LecunTanh}). S2 on 6 maps has 12 parameters.
 *
 * @example
 * ```ts
 * const s2 = subsample2d(2);
 * s2.init(key(0), [6, 28, 28]); // [[6, 14, 14], { coeff: [6], bias: [6] }]
 * ```
 */
export function subsample2d(
  window: number | readonly [number, number] = 2,
  options: Subsample2dOptions = {},
): Layer<Subsample2dParams> {
  const w = toPair('subsample2d', 'window', window);
  const name = `subsample2d(${w[0]}x${w[1]})`;
  const strides = toPair(name, 'strides', options.strides ?? w);
  const { init = lecun1998Uniform, biasInit = zeros, dtype = 'float32' } = options;
  const area = w[0] * w[1];
  return {
    init(key, inShape) {
      const shape = expectRank(name, inShape, 3, '[C, H, W]');
      const [oh, ow] = slidingOutput(name, shape, w, strides, [
        [0, 0],
        [0, 0],
      ]);
      const c = shape[0]!;
      const [cKey, bKey] = split(key) as [Key, Key];
      return [
        [c, oh, ow],
        { coeff: init(cKey, [c], area, 1, dtype), bias: biasInit(bKey, [c], area, 1, dtype) },
      ];
    },
    apply(params, x) {
      const c = params.coeff.shape[0]!;
      const pooled = sumPool2d(x, w, { strides });
      return add(mul(pooled, reshape(params.coeff, [c, 1, 1])), reshape(params.bias, [c, 1, 1]));
    },
  };
}
