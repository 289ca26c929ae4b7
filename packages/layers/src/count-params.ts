import { Tensor } from '@tessera/tensor';
import { leaves, type Tree } from '@tessera/tree';

/**
 * The number of scalar parameters in a tree of parameters (the sum of the sizes of its
 * tensors). A leaf that is not a tensor is a `TypeError`. LeNet-5's parameters, as this
 * package builds it, number exactly the paper's 60,000: C1 156, S2 12, C3 1,516, S4 32,
 * C5 48,120 and F6 10,164 (LeCun et al. 1998, Section II-B); the RBF prototypes are fixed,
 * not parameters.
 *
 * @example
 * ```ts
 * const [, params] = serial(dense(100), dense(10)).init(key(0), [784]);
 * countParams(params); // 79,510 = 784 * 100 + 100 + 100 * 10 + 10
 * ```
 */
export function countParams(params: unknown): number {
  return leaves(params as Tree<unknown>).reduce<number>((n, leaf) => {
    if (!(leaf instanceof Tensor)) {
      throw new TypeError(`countParams: expected a tree of tensors, found a leaf ${String(leaf)}`);
    }
    return n + leaf.size;
  }, 0);
}
