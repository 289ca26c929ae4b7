import type { Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';
import type {
  AnyLayer,
  ApplyContext,
  Flow,
  FlowShape,
  InputOf,
  Layer,
  OutputOf,
  ParamsOf,
} from '../types.js';
import { at, splitContext, splitKey } from './keys.js';

/**
 * The input type of a {@link serial} composition of an array of layers: its first layer's.
 *
 * @example
 * ```ts
 * type I = SerialInput<[typeof fanInSum, Layer]>; // readonly Tensor[]
 * ```
 */
export type SerialInput<L extends readonly AnyLayer[]> = L extends readonly [infer A, ...unknown[]]
  ? InputOf<A>
  : L extends readonly []
    ? Tensor
    : InputOf<L[number]>;

/**
 * The output type of a {@link serial} composition of an array of layers: its last layer's.
 *
 * @example
 * ```ts
 * type O = SerialOutput<[Layer, ReturnType<typeof fanOut>]>; // readonly Tensor[]
 * ```
 */
export type SerialOutput<L extends readonly AnyLayer[]> = L extends readonly [...unknown[], infer Z]
  ? OutputOf<Z>
  : L extends readonly []
    ? Tensor
    : OutputOf<L[number]>;

/**
 * The parameters of a {@link serial} composition of an array of layers: one entry per layer.
 *
 * @example
 * ```ts
 * type P = SerialParams<[Layer<DenseParams>, Layer<null>]>; // [DenseParams, null]
 * ```
 */
export type SerialParams<L extends readonly AnyLayer[]> = {
  -readonly [K in keyof L]: ParamsOf<L[K]>;
};

/**
 * The parameters of a {@link serial} composition of named layers: one entry per name.
 *
 * @example
 * ```ts
 * type P = NamedParams<{ f6: Layer<DenseParams>; a6: Layer<null> }>; // { f6: DenseParams; a6: null }
 * ```
 */
export type NamedParams<L extends { readonly [name: string]: AnyLayer }> = {
  -readonly [K in keyof L]: ParamsOf<L[K]>;
};

function isLayer(x: unknown): x is AnyLayer {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as AnyLayer).init === 'function' &&
    typeof (x as AnyLayer).apply === 'function'
  );
}

/** The composition of `layers` in order; `names` gives the parameter keys (or indices). */
function compose(layers: readonly AnyLayer[], names: readonly string[] | undefined): AnyLayer {
  const label = (i: number) => (names === undefined ? `[${i}]` : names[i]!);
  const pack = (params: unknown[]): unknown =>
    names === undefined ? params : Object.fromEntries(names.map((n, i) => [n, params[i]]));
  const unpack = (params: unknown): readonly unknown[] =>
    names === undefined
      ? (params as readonly unknown[])
      : names.map((n) => (params as Record<string, unknown>)[n]);
  return {
    init(key: Key, inShape: FlowShape<Flow>) {
      const keys = splitKey(key, layers.length);
      const params: unknown[] = [];
      let shape = inShape;
      layers.forEach((layer, i) => {
        const [out, p] = at(label(i), () => layer.init(keys[i]!, shape));
        params.push(p);
        shape = out;
      });
      return [shape, pack(params)] as const;
    },
    apply(params: unknown, x: Flow, ctx?: ApplyContext) {
      const ps = unpack(params);
      const contexts = splitContext(ctx, layers.length);
      return layers.reduce<Flow>((h, layer, i) => layer.apply(ps[i], h, contexts[i]), x);
    },
  };
}

/**
 * Composes layers in sequence, as stax's `serial`: the output of each is the input of the
 * next, and the result is itself a layer. `init` splits its key into one key per layer
 * (`split(key, n)`, in order) and threads the shapes through; `apply` splits `ctx.key` the
 * same way, so dropout masks are independent per layer and reproducible.
 *
 * Two forms:
 * - `serial(a, b, c)`: parameters are an array, one entry per layer (`null` for layers
 *   without parameters).
 * - `serial({ c1: conv2d(6, 5), a1: LecunTanh, ... })`: parameters are an object with the same
 *   names (`params.c1.w`), the layers running in the object's property order. Names must not
 *   be integer-like (`'0'`, `'12'`), because JavaScript enumerates those first whatever the
 *   order they were written in.
 *
 * Errors from `init` say where they happened: `at c3: conv2d(16, 5x5): ...`.
 *
 * @example
 * ```ts
 * const mlp = serial(flatten(), dense(100), Sigmoid, dense(10), Sigmoid);
 * const [, p] = mlp.init(key(0), [1, 28, 28]); // p[1].w: [784, 100]
 *
 * const named = serial({ f6: dense(84), a6: LecunTanh, out: rbf() });
 * const [, q] = named.init(key(0), [120]);     // q.f6.w: [120, 84], q.a6: null, q.out: null
 * ```
 */
export function serial<const L extends readonly AnyLayer[]>(
  ...layers: L
): Layer<SerialParams<L>, SerialInput<L>, SerialOutput<L>>;
export function serial<const L extends { readonly [name: string]: AnyLayer }>(
  layers: L,
): Layer<NamedParams<L>>;
export function serial(...args: readonly unknown[]): AnyLayer {
  if (args.length === 1 && !isLayer(args[0]) && typeof args[0] === 'object' && args[0] !== null) {
    const named = args[0] as Record<string, unknown>;
    const names = Object.keys(named);
    const bad = names.find((n) => /^(0|[1-9]\d*)$/.test(n));
    if (bad !== undefined) {
      throw new LayerConfigError(
        `serial: layer name '${bad}' is integer-like, which JavaScript would reorder; use a name such as 'l${bad}'`,
      );
    }
    const notLayer = names.find((n) => !isLayer(named[n]));
    if (notLayer !== undefined) {
      throw new LayerConfigError(`serial: '${notLayer}' is not a layer (an { init, apply } pair)`);
    }
    return compose(
      names.map((n) => named[n] as AnyLayer),
      names,
    );
  }
  const index = args.findIndex((a) => !isLayer(a));
  if (index >= 0) {
    throw new LayerConfigError(
      `serial: argument ${index} is not a layer (an { init, apply } pair)`,
    );
  }
  return compose(args as readonly AnyLayer[], undefined);
}
