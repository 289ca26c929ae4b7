import type { Layer } from '@tessera/layers';
import type { TensorTree } from '@tessera/optim';
import { bernoulli, type Key } from '@tessera/random';
import { type Tensor, tensor } from '@tessera/tensor';
import { probedDiagonal } from './curvature.js';

/** Options of {@link diagGaussNewtonMapRbf}. */
export interface DiagGaussNewtonMapRbfOptions {
  /** Random probes averaged; more probes, less variance. Default 1. */
  readonly probes?: number;
  /** The MAP loss's rubbish-class constant `j` (equation 9); default 0.1, as `mapLoss`. */
  readonly j?: number;
}

/**
 * A random vector whose covariance is the Hessian of the MAP loss of an RBF layer with respect
 * to the RBF's inputs `x` (one row per example, `[N, D]`), given random signs: one row of `N x
 * (D + K + 1)` signs per example, `K` the number of prototypes `w_i` (rows of `[K, D]`).
 *
 * With `d_i = x - w_i`, the MAP loss `y_D + log(e^{-j} + sum_i e^{-y_i})` of the penalties
 * `y_i = |d_i|^2` (LeCun et al. 1998, equations 7 and 9) has the Hessian
 * `2 (1 - s) I + 4 (sum_i P_i d_i d_i^T - m m^T)` in `x`, where `P` is the softmax over the
 * rubbish class (`P_0`, `d_0 = 0`) and the `K` units, `s = 1 - P_0` and `m = sum_i P_i d_i`: the
 * `2I` of the correct unit's penalty, minus `2s I` and plus four times the covariance of `d`
 * under `P` from the log-sum-exp. It is positive semi-definite, and
 * `u = sqrt(2 (1 - s)) v + 2 sum_i sqrt(P_i) xi_i (d_i - m)` with independent signs `v` (D of
 * them) and `xi` (K + 1) has exactly that covariance. It does not depend on the label.
 */
export function mapRbfHessianRoot(
  x: Float32Array | Float64Array,
  prototypes: Float32Array | Float64Array,
  shape: { readonly n: number; readonly d: number; readonly k: number },
  j: number,
  signs: Uint8Array,
): Float64Array {
  const { n, d, k } = shape;
  const u = new Float64Array(n * d);
  const diff = new Float64Array(k * d);
  const logits = new Float64Array(k + 1);
  const m = new Float64Array(d);
  const sign = (i: number) => (signs[i]! ? 1 : -1);
  for (let e = 0; e < n; e++) {
    logits[0] = -j;
    for (let i = 0; i < k; i++) {
      let y = 0;
      for (let t = 0; t < d; t++) {
        const v = x[e * d + t]! - prototypes[i * d + t]!;
        diff[i * d + t] = v;
        y += v * v;
      }
      logits[i + 1] = -y;
    }
    const p = softmax(logits);
    m.fill(0);
    for (let i = 0; i < k; i++) {
      for (let t = 0; t < d; t++) m[t]! += p[i + 1]! * diff[i * d + t]!;
    }
    const base = e * (d + k + 1);
    // 2 sqrt(P_i) xi_i for the rubbish class (i = 0) and the K units.
    const scaled = p.map((pi, i) => 2 * Math.sqrt(pi) * sign(base + d + i));
    const identity = Math.sqrt(2 * p[0]!);
    for (let t = 0; t < d; t++) {
      // The rubbish class's d_0 - m = -m.
      let value = identity * sign(base + t) - scaled[0]! * m[t]!;
      for (let i = 0; i < k; i++) value += scaled[i + 1]! * (diff[i * d + t]! - m[t]!);
      u[e * d + t] = value;
    }
  }
  return u;
}

/** `exp(z - max) / sum` in float64. */
function softmax(z: Float64Array): Float64Array {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/**
 * An unbiased estimate of the diagonal of the Gauss-Newton matrix `J^T H J` for a network that
 * ends in fixed RBF units trained with the MAP loss (the faithful LeNet-5), averaged per
 * example, for `sdlm`: `features` is the network below the RBF layer (its outputs `x` are the
 * RBF's inputs), `J` its Jacobian, and `H` the exact Hessian of the MAP loss of the RBF units
 * with respect to `x` (see {@link mapRbfHessianRoot}). This keeps the RBF layer's own curvature,
 * which {@link diagGaussNewton} (a constant curvature on each RBF output) replaces by a sum over
 * all ten prototypes, some 20-35 times larger on LeNet-5's F6 once it has trained a little.
 *
 * @example
 * ```ts
 * const h = diagGaussNewtonMapRbf(features, DIGIT_PROTOTYPES, params, batch.images, key(1));
 * ```
 */
export function diagGaussNewtonMapRbf<P>(
  features: Layer<P>,
  prototypes: Tensor,
  params: P,
  images: Tensor,
  key: Key,
  options: DiagGaussNewtonMapRbfOptions = {},
): TensorTree {
  const j = options.j ?? 0.1;
  const k = prototypes.shape[0]!;
  const w = prototypes.data() as Float32Array | Float64Array;
  const rootOf = (probeKey: Key, x: Tensor): Tensor => {
    const [n, d] = x.shape as [number, number];
    const signs = bernoulli(probeKey, 0.5, [n, d + k + 1]);
    const u = mapRbfHessianRoot(x.data() as Float32Array | Float64Array, w, { n, d, k }, j, signs);
    return tensor(x.dtype === 'float64' ? u : Float32Array.from(u), { shape: x.shape });
  };
  const forward = (p: P) => features.apply(p, images, { train: false });
  return probedDiagonal(forward, params, key, options.probes ?? 1, rootOf);
}
