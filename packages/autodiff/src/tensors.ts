import type { Tensor } from '@tessera/tensor';
import { flatten, type Tree, type TreeStructure } from '@tessera/tree';
import { DifferentiationError } from './errors.js';

/** A pytree whose leaves are tensors: nested arrays and plain objects, `null` for nothing. */
export type TensorTree = Tree<Tensor>;

/** Flattens a tree of tensors, checking that every leaf is a tensor of a real dtype. */
export function flattenReal(
  api: string,
  what: string,
  tree: TensorTree,
): [Tensor[], TreeStructure] {
  const [leaves, structure] = flatten<Tensor>(tree);
  leaves.forEach((leaf, i) => {
    if (typeof leaf !== 'object' || leaf === null || !('dtype' in leaf)) {
      throw new DifferentiationError(`${api}: ${what} leaf ${i} is not a tensor`);
    }
    if (leaf.dtype !== 'float32' && leaf.dtype !== 'float64') {
      throw new DifferentiationError(
        `${api}: ${what} leaf ${i} has dtype ${leaf.dtype}; only float32 and float64 values can be differentiated`,
      );
    }
  });
  return [leaves, structure];
}
