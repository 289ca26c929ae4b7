import type { TypedArray } from '@tessera/tensor';
import { keyPath, leafPaths, leaves } from '@tessera/tree';
import { checkStepCount } from '../checks.js';
import type { GradientTransformation } from '../types.js';
import type { CountState } from './scale-by-learning-rate.js';

/**
 * Thrown by {@link checkFinite} when an update holds NaN or an infinity. The message names the
 * step, the leaf and the element, as in
 * `checkFinite: grads.conv1.w[0,2,1,1] is NaN at update 41 (shape [6,1,5,5])`.
 *
 * @example
 * ```ts
 * import { checkFinite, NonFiniteError } from '@tessera/optim';
 *
 * try {
 *   checkFinite().update({ w: tensor([1, NaN]) }, { count: 0 });
 * } catch (error) {
 *   if (error instanceof NonFiniteError) {
 *     error.path; // 'grads.w'
 *     error.index; // [1]
 *     error.value; // NaN
 *   }
 * }
 * ```
 */
export class NonFiniteError extends Error {
  /** Always `'NonFiniteError'`, so the error can be told apart after serialisation. */
  override readonly name = 'NonFiniteError';

  constructor(
    message: string,
    /** The leaf that holds the value, as a path such as `grads.layers[0].w`. */
    readonly path: string,
    /** The position of the first bad element in the leaf, one index per axis. */
    readonly index: readonly number[],
    /** The first bad value: `NaN`, `Infinity` or `-Infinity`. */
    readonly value: number,
    /** The number of updates checked before this one. */
    readonly count: number,
  ) {
    super(message);
  }
}

/** Options of {@link checkFinite}. */
export type CheckFiniteOptions = {
  /** What the error calls the tree it checks. Default `'grads'`. */
  readonly label?: string;
};

/**
 * Checks that every update is finite and passes the updates through unchanged; throws a
 * {@link NonFiniteError} naming the first leaf (in tree order), element and value that is NaN or
 * infinite. Chain it first to check the gradients, or later to check what a transformation made
 * of them. Its state counts updates, so the error says at which update things went wrong.
 *
 * It reads the values of every tensor, so it costs one pass over the gradients.
 *
 * @example
 * ```ts
 * import { adam, chain, checkFinite } from '@tessera/optim';
 *
 * const optimizer = chain(checkFinite(), adam(1e-3));
 * // optimizer.update(grads, state) throws
 * // NonFiniteError: checkFinite: grads.dense.w[1,0] is NaN at update 7 (shape [2,2])
 * ```
 */
export function checkFinite(options: CheckFiniteOptions = {}): GradientTransformation<CountState> {
  const { label = 'grads' } = options;
  return {
    init: () => ({ count: 0 }),
    update(grads, state) {
      checkStepCount('checkFinite', 'state.count', state.count);
      const paths = leafPaths(grads);
      leaves(grads).forEach((leaf, i) => {
        const values = leaf.data();
        const bad = firstNonFinite(values);
        if (bad === undefined) return;
        const path = keyPath(paths[i]!, label);
        const index = unravel(bad, leaf.shape);
        const value = values[bad]!;
        throw new NonFiniteError(
          `checkFinite: ${path}${formatIndex(bad, leaf.shape)} is ${value} at update ` +
            `${state.count} (shape [${leaf.shape.join(',')}])`,
          path,
          index,
          value,
          state.count,
        );
      });
      return [grads, { count: state.count + 1 }];
    },
  };
}

/** The flat index of the first NaN or infinite value, or `undefined` if all are finite. */
export function firstNonFinite(values: TypedArray): number | undefined {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return undefined;
}

/** The row-major multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const d = shape[axis]!;
    index[axis] = rest % d;
    rest = Math.floor(rest / d);
  }
  return index;
}

/** `[i,j,...]` for an element of a tensor of rank >= 1; empty for a scalar. */
export function formatIndex(flat: number, shape: readonly number[]): string {
  return shape.length === 0 ? '' : `[${unravel(flat, shape).join(',')}]`;
}
