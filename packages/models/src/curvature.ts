import { vjp } from '@tessera/autodiff';
import type { TensorTree } from '@tessera/optim';
import { bernoulli, type Key, split } from '@tessera/random';
import { add, mul, type Tensor, tensor } from '@tessera/tensor';
import { map, mapN } from '@tessera/tree';
import type { Model } from './model.js';

/** Options of {@link diagGaussNewton}. */
export interface DiagGaussNewtonOptions {
  /** Random probes averaged; more probes, less variance. Default 1. */
  readonly probes?: number;
  /**
   * The loss's second derivative with respect to each output, taken as constant: 1 for half
   * the sum of squares (the default), 2 for the sum of squares.
   */
  readonly outputCurvature?: number;
}

/** A tensor of random signs: +1 or -1 with probability 1/2 each (a Rademacher vector). */
function signs(key: Key, like: Tensor): Tensor {
  const coin = bernoulli(key, 0.5, like.shape);
  const data =
    like.dtype === 'float64' ? new Float64Array(coin.length) : new Float32Array(coin.length);
  for (let i = 0; i < coin.length; i++) data[i] = coin[i]! ? 1 : -1;
  return tensor(data, { shape: like.shape });
}

/**
 * An unbiased estimate of the diagonal of the Gauss-Newton matrix `J^T H J` of `model` at
 * `params` on a batch, averaged per example, as `sdlm` needs (`extra.curvature`): the
 * per-parameter second derivative estimate of LeCun et al. 1998, Appendix C, which also drops
 * the terms with the second derivatives of the network and keeps the loss's.
 *
 * With `J` the Jacobian of all outputs in the batch with respect to the parameters and `v`
 * random signs, `E[(J^T v)^2] = diag(J^T J)`: one backward pass per probe gives the whole
 * diagonal (Bekas, Kokiopoulou and Saad 2007), where the paper back-propagates second
 * derivatives layer by layer. The result has the structure, shapes and dtypes of `params`
 * and is never negative.
 *
 * @example
 * ```ts
 * const h = diagGaussNewton(model, params, batch.images, key(1), { probes: 2 });
 * optimizer.update(grads, state, params, { curvature: h });
 * ```
 */
export function diagGaussNewton<P>(
  model: Model<P>,
  params: P,
  images: Tensor,
  key: Key,
  options: DiagGaussNewtonOptions = {},
): TensorTree {
  const forward = (p: P) => model.layer.apply(p, images, { train: false });
  return probedDiagonal(forward, params, key, options.probes ?? 1, signs, options.outputCurvature);
}

/**
 * The diagonal of `J^T H J` per example, `J` the Jacobian of `forward` (outputs `[N, ...]`) at
 * `params`, estimated as `weight / (N * probes) * sum_u (J^T u)^2` over `probes` cotangents
 * `u = cotangent(key, outputs)` whose covariance is `H / weight`: one backward pass each.
 */
export function probedDiagonal<P>(
  forward: (params: P) => Tensor,
  params: P,
  key: Key,
  probes: number,
  cotangent: (key: Key, outputs: Tensor) => Tensor,
  weight = 1,
): TensorTree {
  const [outputs, pullback] = vjp(forward, params);
  let total: TensorTree | undefined;
  for (const probeKey of split(key, probes)) {
    const [g] = pullback(cotangent(probeKey, outputs));
    const squared = map(g as TensorTree, (t) => mul(t as Tensor, t as Tensor));
    total =
      total === undefined
        ? squared
        : mapN([total, squared], (a, b) => add(a as Tensor, b as Tensor));
  }
  return map(total!, (t) => mul(t as Tensor, weight / (outputs.shape[0]! * probes)));
}

/**
 * The curvature estimate `sdlm` should use for `model`: the model's own `gaussNewton` when it
 * has one (as `lenet5`'s RBF head does), else {@link diagGaussNewton}.
 *
 * @example
 * ```ts
 * const estimate = gaussNewtonOf(lenet5());
 * const h = estimate(params, batch.images, key(1));
 * ```
 */
export function gaussNewtonOf<P>(
  model: Model<P>,
): (params: P, images: Tensor, key: Key) => TensorTree {
  return (
    model.gaussNewton ?? ((params, images, key) => diagGaussNewton(model, params, images, key))
  );
}
