import { keyPath, leafPaths, leaves, type Tree, unflatten } from '@tessera/tree';
import type { GradientTransformation, OptState, TensorTree, UpdateExtras } from '../types.js';
import { assertSameStructure, flattenNamed } from '../zip.js';

/**
 * Which parameters a transformation applies to: a tree of booleans with the parameters'
 * structure, or a function that makes one from the parameters (or, in `update`, from the
 * gradients, which have the same structure).
 *
 * @example
 * ```ts
 * import { map } from '@tessera/tree';
 * import type { Mask } from '@tessera/optim';
 *
 * const weightsOnly: Mask = (params) => map(params, (p) => p.rank > 1); // not biases
 * const byHand: Mask = { dense: { w: true, b: false } };
 * ```
 */
export type Mask = Tree<boolean> | ((params: TensorTree) => Tree<boolean>);

/**
 * Applies `inner` only to the leaves where the mask is `true`, as Optax's `masked`; the other
 * updates pass through unchanged. `inner` sees the parameters, gradients and extras with `null`
 * (an empty subtree) in place of every masked-out leaf, so its state only holds tensors for the
 * leaves it applies to.
 *
 * @throws TreeMismatchError if the mask's structure differs from the gradients'.
 * @throws TypeError if a leaf of the mask is not a boolean.
 *
 * @example
 * ```ts
 * import { addDecayedWeights, chain, masked, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 * import { map } from '@tessera/tree';
 *
 * // Decay the weight matrices, not the biases.
 * const optimizer = chain(
 *   scaleByAdam(),
 *   masked(addDecayedWeights(1e-4), (params) => map(params, (p) => p.rank > 1)),
 *   scaleByLearningRate(1e-3),
 * );
 * ```
 */
export function masked<S extends OptState>(
  inner: GradientTransformation<S>,
  mask: Mask,
): GradientTransformation<S> {
  return {
    init: (params) => inner.init(select(['params', params], maskLeaves(mask, params))),
    update(grads, state, params, extra) {
      const keep = maskLeaves(mask, grads);
      const [innerUpdates, next] = inner.update(
        select(['grads', grads], keep),
        state,
        params === undefined ? undefined : select(['params', params], keep),
        extra === undefined ? undefined : selectExtras(extra, keep),
      );
      return [merge(grads, keep, innerUpdates), next];
    },
  };
}

/** The mask for `tree` as one boolean per leaf, after checking its structure and leaves. */
function maskLeaves(mask: Mask, tree: TensorTree): boolean[] {
  const maskTree = typeof mask === 'function' ? mask(tree) : mask;
  const [flags, maskStructure] = flattenNamed<boolean>('masked', ['mask', maskTree]);
  const [, treeStructure] = flattenNamed('masked', ['grads', tree]);
  assertSameStructure('masked', ['grads', tree], treeStructure, ['mask', maskTree], maskStructure);
  const paths = leafPaths(maskTree);
  flags.forEach((flag, i) => {
    if (typeof flag !== 'boolean') {
      throw new TypeError(
        `masked: ${keyPath(paths[i]!, 'mask')} is ${String(flag)}, expected a boolean`,
      );
    }
  });
  return flags;
}

/** `tree` with `null` in place of every leaf whose flag is `false`. */
function select([name, tree]: readonly [string, TensorTree], keep: readonly boolean[]): TensorTree {
  const [values, structure] = flattenNamed('masked', [name, tree]);
  if (values.length !== keep.length) {
    throw new RangeError(`masked: ${name} has ${values.length} leaves, the mask ${keep.length}`);
  }
  return unflatten(
    structure,
    values.map((value, i) => (keep[i] ? value : null)),
  );
}

function selectExtras(extra: UpdateExtras, keep: readonly boolean[]): UpdateExtras {
  return extra.curvature === undefined
    ? extra
    : { ...extra, curvature: select(['extra.curvature', extra.curvature], keep) };
}

/** The inner updates where the mask is `true`, the gradients elsewhere, in the gradients' tree. */
function merge(grads: TensorTree, keep: readonly boolean[], innerUpdates: TensorTree): TensorTree {
  const [values, structure] = flattenNamed('masked', ['grads', grads]);
  const inner = leaves(innerUpdates);
  const kept = keep.filter(Boolean).length;
  if (inner.length !== kept) {
    throw new RangeError(
      `masked: the inner transformation returned ${inner.length} updates for ${kept} leaves`,
    );
  }
  let next = 0;
  return unflatten(
    structure,
    values.map((value, i) => (keep[i] ? inner[next++]! : value)),
  );
}
