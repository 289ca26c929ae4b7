import type { FloatDType } from '@tessera/random';
import { split } from '@tessera/random';
import { add, matmul, type Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { zeros } from '../initializers/constant.js';
import { lecun1998Uniform } from '../initializers/lecun1998-uniform.js';
import type { Initializer } from '../initializers/types.js';
import { expectShape, positiveInteger, showShape } from '../shapes.js';
import type { Layer } from '../types.js';

/**
 * Options of {@link dense}.
 *
 * @example
 * ```ts
 * const options: DenseOptions = { init: heNormal, useBias: false };
 * ```
 */
export interface DenseOptions {
  /** Weight initialiser; default {@link lecun1998Uniform} (LeCun et al. 1998, Appendix C). */
  readonly init?: Initializer;
  /** Bias initialiser; default {@link zeros}. */
  readonly biasInit?: Initializer;
  /** Add a bias; default `true`. Without one, the parameters are `{ w }` only. */
  readonly useBias?: boolean;
  /** dtype of the parameters; default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * Parameters of {@link dense}: weights `w` `[in, units]` and, unless `useBias: false`, a bias
 * `b` `[units]`.
 *
 * @example
 * ```ts
 * const [, p] = dense(10).init(key(0), [84]);
 * p.w.shape; // [84, 10]
 * ```
 */
export interface DenseParams {
  /** Weights `[in, units]`. */
  readonly w: Tensor;
  /** Bias `[units]` (absent with `useBias: false`). */
  readonly b?: Tensor;
}

/**
 * A fully connected layer: `y = x w + b`, applied to the last axis of each example (so an
 * input `[N, in]` gives `[N, units]`, and `[N, T, in]` gives `[N, T, units]`). The weights'
 * fan-in is `in`, their fan-out `units`. LeNet-5's F6 is `dense(84)` (LeCun et al. 1998,
 * Section II-B: 84 units, 10,164 parameters).
 *
 * @example
 * ```ts
 * const f6 = dense(84);
 * const [outShape, params] = f6.init(key(0), [120]); // [84], { w: [120, 84], b: [84] }
 * const y = f6.apply(params, x);                    // [N, 84]
 * ```
 */
export function dense(units: number, options: DenseOptions = {}): Layer<DenseParams> {
  const name = `dense(${units})`;
  positiveInteger(name, 'units', units);
  const { init = lecun1998Uniform, biasInit = zeros, useBias = true, dtype = 'float32' } = options;
  return {
    init(key, inShape) {
      const shape = expectShape(name, inShape);
      const fanIn = shape[shape.length - 1];
      if (fanIn === undefined || fanIn === 0) {
        throw new LayerShapeError(
          `${name}: expects inputs with a non-empty last axis, got ${showShape(shape)}`,
        );
      }
      const [wKey, bKey] = split(key) as [typeof key, typeof key];
      const w = init(wKey, [fanIn, units], fanIn, units, dtype);
      const params: DenseParams = useBias
        ? { w, b: biasInit(bKey, [units], fanIn, units, dtype) }
        : { w };
      return [[...shape.slice(0, -1), units], params];
    },
    apply(params, x) {
      const y = matmul(x, params.w);
      return params.b === undefined ? y : add(y, params.b);
    },
  };
}
