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
  const probes = options.probes ?? 1;
  const scale = (options.outputCurvature ?? 1) / (images.shape[0]! * probes);
  const [outputs, pullback] = vjp((p: P) => model.layer.apply(p, images, { train: false }), params);
  const cotangents = split(key, probes).map((probeKey) => signs(probeKey, outputs));
  return averageSquaredPullbacks(pullback, cotangents, scale);
}

/**
 * `scale * sum_v (J^T v)^2` over the cotangents `v`, squared leaf by leaf: with cotangents whose
 * covariance is `H`, `scale = 1 / (examples * probes)` gives the diagonal of `J^T H J` per example.
 */
export function averageSquaredPullbacks<P>(
  pullback: (cotangent: Tensor) => readonly [P],
  cotangents: readonly Tensor[],
  scale: number,
): TensorTree {
  let total: TensorTree | undefined;
  for (const v of cotangents) {
    const [g] = pullback(v);
    const squared = map(g as TensorTree, (t) => mul(t as Tensor, t as Tensor));
    total =
      total === undefined
        ? squared
        : mapN([total, squared], (a, b) => add(a as Tensor, b as Tensor));
  }
  return map(total!, (t) => mul(t as Tensor, scale));
}
