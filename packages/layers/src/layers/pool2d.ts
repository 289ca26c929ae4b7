import {
  avgPool2d as avgPoolOp,
  maxPool2d as maxPoolOp,
  sumPool2d as sumPoolOp,
  type Tensor,
} from '@tessera/tensor';
import { expectRank, toPair } from '../shapes.js';
import type { Layer } from '../types.js';
import { slidingOutput } from './conv-geometry.js';

/**
 * Options of the pooling layers.
 *
 * @example
 * ```ts
 * maxPool2d(3, { strides: 2 }); // overlapping 3x3 windows, as in AlexNet
 * ```
 */
export interface Pool2dLayerOptions {
  /** Step between windows, one number or `[h, w]`; default: the window (no overlap). */
  readonly strides?: number | readonly [number, number];
}

type PoolOp = (
  x: Tensor,
  window: number | readonly [number, number],
  options: { readonly strides: readonly [number, number] },
) => Tensor;

/** A parameterless pooling layer on `[C, H, W]` inputs; windows that do not fit are dropped. */
function pool(
  op: string,
  f: PoolOp,
  window: number | readonly [number, number],
  options: Pool2dLayerOptions,
): Layer<null> {
  const w = toPair(op, 'window', window);
  const name = `${op}(${w[0]}x${w[1]})`;
  const strides = toPair(name, 'strides', options.strides ?? w);
  return {
    init(_key, inShape) {
      const shape = expectRank(name, inShape, 3, '[C, H, W]');
      const [oh, ow] = slidingOutput(name, shape, w, strides, [
        [0, 0],
        [0, 0],
      ]);
      return [[shape[0]!, oh, ow], null];
    },
    apply(_params, x) {
      return f(x, w, { strides });
    },
  };
}

/**
 * Average pooling: the mean of each `window` of each map of `[C, H, W]` inputs. No
 * parameters.
 *
 * @example
 * ```ts
 * avgPool2d(2).init(key(0), [6, 28, 28])[0]; // [6, 14, 14]
 * ```
 */
export function avgPool2d(
  window: number | readonly [number, number],
  options: Pool2dLayerOptions = {},
): Layer<null> {
  return pool('avgPool2d', avgPoolOp as PoolOp, window, options);
}

/**
 * Max pooling: the maximum of each `window` of each map of `[C, H, W]` inputs; the gradient
 * goes to the first maximum of each window. No parameters. The modern replacement of
 * LeNet-5's subsampling.
 *
 * @example
 * ```ts
 * maxPool2d(2).init(key(0), [6, 28, 28])[0]; // [6, 14, 14]
 * ```
 */
export function maxPool2d(
  window: number | readonly [number, number],
  options: Pool2dLayerOptions = {},
): Layer<null> {
  return pool('maxPool2d', maxPoolOp as PoolOp, window, options);
}

/**
 * Sum pooling: the sum of each `window` of each map of `[C, H, W]` inputs. No parameters;
 * {@link subsample2d} adds LeNet-5's trainable coefficient and bias to it.
 *
 * @example
 * ```ts
 * sumPool2d(2).init(key(0), [6, 28, 28])[0]; // [6, 14, 14]
 * ```
 */
export function sumPool2d(
  window: number | readonly [number, number],
  options: Pool2dLayerOptions = {},
): Layer<null> {
  return pool('sumPool2d', sumPoolOp as PoolOp, window, options);
}
