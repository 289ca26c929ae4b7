import type { Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';

/**
 * The shape of one example, without the batch axis: `[784]` for a flattened MNIST digit,
 * `[1, 32, 32]` for a padded one (channels first).
 *
 * @example
 * ```ts
 * const digit: Shape = [1, 32, 32];
 * ```
 */
export type Shape = readonly number[];

/**
 * What flows between layers: one tensor, or several (between {@link fanOut}, {@link parallel}
 * and {@link fanInSum} / {@link fanInConcat}). Every tensor carries the batch axis first.
 *
 * @example
 * ```ts
 * const pair: Flow = [x, x]; // fanOut(2)'s output
 * ```
 */
export type Flow = Tensor | readonly Tensor[];

/**
 * The per-example shape of a {@link Flow}: a {@link Shape} for a tensor, a list of shapes for
 * a list of tensors.
 *
 * @example
 * ```ts
 * const shapes: FlowShape<readonly Tensor[]> = [[84], [84]];
 * ```
 */
export type FlowShape<F extends Flow> = F extends Tensor ? Shape : readonly Shape[];

/**
 * What `apply` may need besides parameters and inputs: a PRNG key for stochastic layers
 * ({@link dropout}) and whether the model is training. Combinators split the key, one part
 * per sublayer, and pass `train` on unchanged.
 *
 * @example
 * ```ts
 * model.apply(params, images, { key: foldIn(dropoutKey, step), train: true });
 * ```
 */
export interface ApplyContext {
  /** Randomness for this call; split deterministically among sublayers. */
  readonly key?: Key;
  /** Training mode: dropout is active only when `true` (default `false`). */
  readonly train?: boolean;
}

/**
 * A layer, as in JAX's stax: a pair of pure functions.
 *
 * - `init(key, inShape)` infers the output shape from the input shape and draws the
 *   parameters; it computes nothing else, so a whole model can be initialised without data.
 * - `apply(params, x, ctx)` computes the output for a batch `x` of shape `[N, ...inShape]`.
 *
 * Parameters are plain objects and arrays of tensors (pytrees for `@tessera/tree`);
 * a layer without parameters has `null`. A model built from combinators is itself a layer.
 *
 * @typeParam P - the parameters.
 * @typeParam In - the input: a tensor (default) or a list of tensors.
 * @typeParam Out - the output: a tensor (default) or a list of tensors.
 *
 * @example
 * ```ts
 * const net: Layer = serial(flatten(), dense(100), Sigmoid, dense(10), Sigmoid);
 * const [outShape, params] = net.init(key(0), [1, 28, 28]); // outShape [10]
 * const y = net.apply(params, images);                        // [N, 10]
 * ```
 */
export interface Layer<P = unknown, In extends Flow = Tensor, Out extends Flow = Tensor> {
  /** Output shape and fresh parameters for inputs of shape `[N, ...inShape]`. */
  init(key: Key, inShape: FlowShape<In>): readonly [outShape: FlowShape<Out>, params: P];
  /** The output for a batch `x`. */
  apply(params: P, x: In, ctx?: ApplyContext): Out;
}

/**
 * Any layer, whatever its parameters, inputs and outputs: what combinators accept.
 *
 * @example
 * ```ts
 * const layers: AnyLayer[] = [fanOut(2), parallel(dense(3), identity), fanInSum];
 * ```
 */
export type AnyLayer = Layer<unknown, Flow, Flow>;

/**
 * The parameter type of a layer.
 *
 * @example
 * ```ts
 * type DenseP = ParamsOf<ReturnType<typeof dense>>; // DenseParams
 * ```
 */
export type ParamsOf<L> = L extends Layer<infer P, infer _I, infer _O> ? P : never;

/**
 * The input type of a layer (`Tensor` or `readonly Tensor[]`).
 *
 * @example
 * ```ts
 * type I = InputOf<typeof fanInSum>; // readonly Tensor[]
 * ```
 */
export type InputOf<L> = L extends Layer<infer _P, infer I, infer _O> ? I : Tensor;

/**
 * The output type of a layer (`Tensor` or `readonly Tensor[]`).
 *
 * @example
 * ```ts
 * type O = OutputOf<ReturnType<typeof fanOut>>; // readonly Tensor[]
 * ```
 */
export type OutputOf<L> = L extends Layer<infer _P, infer _I, infer O> ? O : Tensor;
