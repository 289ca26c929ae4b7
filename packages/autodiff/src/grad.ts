import { type Tensor, tensor } from '@tessera/tensor';
import { DifferentiationError } from './errors.js';
import type { TensorTree } from './tensors.js';
import { vjpWithAux } from './vjp.js';

/** Which argument(s) to differentiate with respect to: an index or a list of indices. */
export type Argnums = number | readonly number[];

/** Options of {@link grad} and {@link valueAndGrad}. */
export interface GradOptions<N extends Argnums = Argnums> {
  /** Which argument(s) to differentiate with respect to: an index or a list; default 0. */
  readonly argnums?: N;
  /** `f` returns `[value, aux]`; the auxiliary data is passed through undifferentiated. */
  readonly hasAux?: boolean;
}

/** The gradient's type: the argument at `N`, or a tuple of them for a list of indices. */
export type Grads<Args extends readonly unknown[], N extends Argnums> = N extends number
  ? Args[N]
  : { -readonly [K in keyof N]: N[K] extends number ? Args[N[K]] : never };

type Untyped = (...args: readonly TensorTree[]) => unknown;

function scalarOf(api: string, out: unknown): Tensor {
  const value = out as Tensor;
  if (
    typeof value !== 'object' ||
    value === null ||
    !('shape' in value) ||
    value.shape.length !== 0
  ) {
    const shape =
      typeof value === 'object' && value !== null && 'shape' in value
        ? `[${value.shape.join(',')}]`
        : typeof out;
    throw new DifferentiationError(
      `${api}: the function must return a scalar (shape []), got ${shape}; reduce it with sum or mean`,
    );
  }
  if (value.dtype !== 'float32' && value.dtype !== 'float64') {
    throw new DifferentiationError(
      `${api}: the function must return a real scalar, got ${value.dtype}`,
    );
  }
  return value;
}

function argnumList(api: string, argnums: number | readonly number[], count: number): number[] {
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= count) {
      throw new DifferentiationError(
        `${api}: argnums ${JSON.stringify(argnums)} out of range for ${count} arguments`,
      );
    }
  }
  return list;
}

/**
 * The value of `f` and its gradient with respect to the arguments at `argnums`, in one
 * forward and one backward pass, as JAX's `value_and_grad`. Returns `[value, grads]`, or
 * `[[value, aux], grads]` with `hasAux`; `grads` has the structure of the argument (an array
 * of them when `argnums` is a list).
 *
 * @example
 * ```ts
 * const loss = (p: { w: Tensor; b: Tensor }, x: Tensor) => sum(square(add(mul(p.w, x), p.b)));
 * const [value, g] = valueAndGrad(loss)({ w, b }, x); // g.w, g.b
 * ```
 */
export function valueAndGrad<Args extends readonly unknown[], const N extends Argnums = 0>(
  f: (...args: Args) => Tensor,
  options?: GradOptions<N> & { readonly hasAux?: false },
): (...args: Args) => [Tensor, NoInfer<Grads<Args, N>>];
export function valueAndGrad<Args extends readonly unknown[], Aux, const N extends Argnums = 0>(
  f: (...args: Args) => readonly [Tensor, Aux],
  options: GradOptions<N> & { readonly hasAux: true },
): (...args: Args) => [[Tensor, Aux], NoInfer<Grads<Args, N>>];
export function valueAndGrad(
  f: Untyped,
  options: GradOptions = {},
): (...args: readonly TensorTree[]) => [unknown, unknown] {
  const { argnums = 0, hasAux = false } = options;
  return (...args) => {
    const which = argnumList('grad', argnums, args.length);
    const partial = (...diffArgs: readonly TensorTree[]): readonly [Tensor, unknown] => {
      const full = [...args];
      which.forEach((a, i) => {
        full[a] = diffArgs[i]!;
      });
      const out = f(...full);
      if (!hasAux) return [scalarOf('grad', out), null];
      if (!Array.isArray(out) || out.length !== 2) {
        throw new DifferentiationError('grad: with hasAux the function must return [value, aux]');
      }
      return [scalarOf('grad', out[0]), out[1]];
    };
    const [value, pullback, aux] = vjpWithAux(
      partial,
      which.map((a) => args[a]!),
    );
    const grads = pullback(tensor(1, { dtype: value.dtype }));
    const g = typeof argnums === 'number' ? grads[0]! : grads;
    return [hasAux ? [value, aux] : value, g];
  };
}

/**
 * The gradient of a scalar function `f` with respect to the arguments at `argnums` (default
 * the first), as JAX's `grad`; with `hasAux`, returns `[grads, aux]`. Nest it for higher
 * derivatives: `grad(grad(f))`.
 *
 * @example
 * ```ts
 * const df = grad((x: Tensor) => sum(mul(x, x)));
 * df(tensor([1, 2])); // tensor([2, 4])
 * ```
 */
export function grad<Args extends readonly unknown[], const N extends Argnums = 0>(
  f: (...args: Args) => Tensor,
  options?: GradOptions<N> & { readonly hasAux?: false },
): (...args: Args) => NoInfer<Grads<Args, N>>;
export function grad<Args extends readonly unknown[], Aux, const N extends Argnums = 0>(
  f: (...args: Args) => readonly [Tensor, Aux],
  options: GradOptions<N> & { readonly hasAux: true },
): (...args: Args) => [NoInfer<Grads<Args, N>>, Aux];
export function grad(
  f: Untyped,
  options: GradOptions = {},
): (...args: readonly TensorTree[]) => unknown {
  const vg = (
    valueAndGrad as (
      f: Untyped,
      o: GradOptions,
    ) => (...a: readonly TensorTree[]) => [unknown, unknown]
  )(f, options);
  return (...args) => {
    const [value, g] = vg(...args);
    return options.hasAux ? [g, (value as [unknown, unknown])[1]] : g;
  };
}
