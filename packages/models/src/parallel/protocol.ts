/** What the training thread and a gradient thread say to each other. */

/**
 * How a thread builds the model: `module`'s export `name` called with `args` (an ES module
 * specifier a thread can import, such as `'@tessera/models'` or a file URL of your own).
 *
 * @example
 * ```ts
 * const spec: ModelSpec = { module: '@tessera/models', name: 'lenet5Modern', args: [] };
 * ```
 */
export interface ModelSpec {
  readonly module: string;
  readonly name: string;
  readonly args?: readonly unknown[];
}

/** The kernel backend a gradient thread computes on. */
export type ThreadBackend = 'gpujs' | 'reference';

/** What a gradient thread is started with. */
export interface GradientThreadData {
  readonly spec: ModelSpec;
  readonly backend: ThreadBackend;
}

/** A tensor as it crosses threads. */
export interface Plain {
  readonly data: Float32Array | Float64Array | Int32Array;
  readonly shape: readonly number[];
}

/** One part of a batch, with the parameters to differentiate at. */
export interface GradientRequest {
  readonly params: readonly Plain[];
  readonly images: Plain;
  readonly labels: Plain;
  readonly key: readonly [number, number];
}

/** The part's mean loss and the gradient of it, leaf by leaf. */
export interface GradientAnswer {
  readonly loss: number;
  readonly grads: readonly Plain[];
}
