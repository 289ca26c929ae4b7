import { bernoulli } from '@tessera/random';
import { div, type Tensor, tensor, where } from '@tessera/tensor';
import { LayerConfigError, LayerError } from '../errors.js';
import { expectShape } from '../shapes.js';
import type { ApplyContext, Layer } from '../types.js';

/**
 * Dropout (Srivastava et al. 2014), inverted as in JAX and PyTorch: when training, each
 * element is zeroed with probability `rate` and the others are scaled by `1 / (1 - rate)`, so
 * the expected output equals the input and nothing changes at test time. Identity unless
 * `ctx.train` is `true`; when training, `ctx.key` is required (a {@link LayerError}
 * otherwise) and the same key gives the same mask. No parameters.
 *
 * @example
 * ```ts
 * const net = serial(dense(100), Relu, dropout(0.5), dense(10));
 * net.apply(params, x, { train: true, key: foldIn(dropoutKey, step) });
 * net.apply(params, x); // evaluation: no dropout
 * ```
 */
export function dropout(rate: number): Layer<null> {
  const name = `dropout(${rate})`;
  if (!(rate >= 0 && rate < 1)) {
    throw new LayerConfigError(`${name}: rate must be in [0, 1), got ${rate}`);
  }
  return {
    init(_key, inShape) {
      return [expectShape(name, inShape), null];
    },
    apply(_params, x: Tensor, ctx: ApplyContext = {}) {
      if (ctx.train !== true || rate === 0) return x;
      if (ctx.key === undefined) {
        throw new LayerError(
          `${name}: training needs a key: apply(params, x, { train: true, key })`,
        );
      }
      const keep = tensor(bernoulli(ctx.key, 1 - rate, x.shape), { shape: x.shape });
      return where(keep, div(x, 1 - rate), 0);
    },
  };
}
