import { reshape, stack, type Tensor, tensor, zeros } from '@tessera/tensor';
import { DifferentiationError } from './errors.js';
import { grad } from './grad.js';
import { jvp } from './jvp.js';
import { vjp } from './vjp.js';

/** Options of {@link jacfwd} and {@link jacrev}. */
export interface JacobianOptions {
  /** The argument to differentiate with respect to; default 0. */
  readonly argnums?: number;
}

/** Unit tensors `e_0 ... e_{n-1}` shaped like `like`. */
function basis(like: Tensor): Tensor[] {
  const n = like.size;
  return Array.from({ length: n }, (_, i) => {
    const data = like.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    data[i] = 1;
    return tensor(data, { shape: like.shape });
  });
}

function pick(api: string, args: readonly Tensor[], argnums: number): Tensor {
  const x = args[argnums];
  if (x === undefined)
    throw new DifferentiationError(
      `${api}: argnums ${argnums} out of range for ${args.length} arguments`,
    );
  return x;
}

function withArg(args: readonly Tensor[], argnums: number, x: Tensor): Tensor[] {
  const full = [...args];
  full[argnums] = x;
  return full;
}

/**
 * The Jacobian of `f` with respect to one tensor argument by forward mode: one `jvp` per
 * input element, so it suits functions with fewer inputs than outputs. The result has shape
 * `out.shape + in.shape`, as JAX's `jacfwd`.
 *
 * @example
 * ```ts
 * jacfwd((x: Tensor) => mul(x, x))(tensor([1, 2])); // [[2, 0], [0, 4]]
 * ```
 */
export function jacfwd(
  f: (...args: Tensor[]) => Tensor,
  options: JacobianOptions = {},
): (...args: Tensor[]) => Tensor {
  const argnums = options.argnums ?? 0;
  return (...args) => {
    const x = pick('jacfwd', args, argnums);
    const g = (v: Tensor) => f(...withArg(args, argnums, v));
    if (x.size === 0) return zeros([...g(x).shape, ...x.shape], { dtype: x.dtype });
    // Column i is the derivative along e_i; stacking them last gives out.shape + [n].
    const columns = basis(x).map((e) => jvp(g, [x], [e])[1]);
    const outShape = columns[0]!.shape;
    return reshape(stack(columns, outShape.length), [...outShape, ...x.shape]);
  };
}

/**
 * The Jacobian of `f` with respect to one tensor argument by reverse mode: one forward pass
 * and one pullback per output element, so it suits functions with fewer outputs than inputs.
 * The result has shape `out.shape + in.shape`, as JAX's `jacrev`.
 *
 * @example
 * ```ts
 * jacrev((x: Tensor) => mul(x, x))(tensor([1, 2])); // [[2, 0], [0, 4]]
 * ```
 */
export function jacrev(
  f: (...args: Tensor[]) => Tensor,
  options: JacobianOptions = {},
): (...args: Tensor[]) => Tensor {
  const argnums = options.argnums ?? 0;
  return (...args) => {
    const x = pick('jacrev', args, argnums);
    const [out, pullback] = vjp((v: Tensor) => f(...withArg(args, argnums, v)), x);
    if (out.size === 0) return zeros([...out.shape, ...x.shape], { dtype: x.dtype });
    // Row j is the gradient of output element j.
    const rows = basis(out).map((e) => pullback(e)[0]);
    return reshape(stack(rows, 0), [...out.shape, ...x.shape]);
  };
}

/**
 * The Hessian of a scalar function by forward-over-reverse (`jacfwd(grad(f))`), shaped
 * `x.shape + x.shape`.
 *
 * @example
 * ```ts
 * hessian((x: Tensor) => sum(mul(x, mul(x, x))))(tensor([1, 2])); // [[6, 0], [0, 12]]
 * ```
 */
export function hessian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return jacfwd(grad<[Tensor], 0>(f));
}

/**
 * The Hessian-vector product `H(x) v` of a scalar function by forward-over-reverse: the
 * directional derivative of the gradient along `v`, at the cost of about two gradients and
 * without forming `H`.
 *
 * @example
 * ```ts
 * hvp((x: Tensor) => sum(mul(x, mul(x, x))), tensor([1, 2]), tensor([1, 0])); // [6, 0]
 * ```
 */
export function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  return jvp(grad(f), [x], [v])[1];
}
