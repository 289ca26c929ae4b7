import { build, flattenIn } from './flatten.js';
import { assertEqualStructure, leafPathsOf } from './structure.js';
import type { Tree, TreePath } from './tree.js';

/**
 * A fresh tree of the same structure, with `f` applied to every leaf. `f` also receives the
 * leaf's path (indices and keys from the root), which {@link keyPath} turns into a name.
 * Leaves are visited in the order of {@link leaves}: object keys sorted.
 *
 * The result is typed `Tree<R>`; when the input has a named type (say `Params`), cast the
 * result back to it, since TypeScript cannot see that `map` keeps the shape.
 *
 * @throws TypeError if the tree holds `undefined`, or `f` returns `undefined`.
 *
 * @example
 * ```ts
 * import { keyPath, map } from '@tessera/tree';
 *
 * map({ w: [1, 2], b: 3 }, (x) => x * 2); // { b: 6, w: [2, 4] }
 * map({ w: [1, 2], b: 3 }, (_, path) => keyPath(path)); // { b: 'b', w: ['w[0]', 'w[1]'] }
 * ```
 */
export function map<L, R>(tree: Tree<L>, f: (leaf: L, path: TreePath) => R): Tree<R> {
  const [leaves, structure] = flattenIn('map', tree);
  const paths = leafPathsOf(structure.root);
  return build(
    'map',
    structure.root,
    leaves.map((leaf, i) => f(leaf, paths[i]!)),
  );
}

/**
 * Applies `f` leaf by leaf across several trees of one structure, as JAX's
 * `tree_map(f, tree, *rest)`: `f` receives the i-th leaf of every tree, in the order of `trees`.
 * The structures must be equal exactly (no prefix matching). All trees share one leaf type
 * `L`; for trees with different leaf types, pass a union (`mapN<Tensor | boolean, Tensor>`).
 *
 * @throws TreeMismatchError if a tree's structure differs from the first's; the message prints
 *   both structures and the first path where they differ.
 * @throws RangeError if `trees` is empty.
 * @throws TypeError if a tree holds `undefined`, or `f` returns `undefined`.
 *
 * @example
 * ```ts
 * import { mapN } from '@tessera/tree';
 *
 * const params = { w: [1, 2], b: 3 };
 * const grads = { w: [0.5, 0.5], b: 1 };
 * mapN([params, grads], (p, g) => p - 0.1 * g); // { b: 2.9, w: [0.95, 1.95] }
 * ```
 */
export function mapN<L, R>(trees: readonly Tree<L>[], f: (...leaves: L[]) => R): Tree<R> {
  const flattened = trees.map((tree, i) => flattenIn('mapN', tree, `trees[${i}]`));
  const [first, ...rest] = flattened;
  if (first === undefined) throw new RangeError('mapN: needs at least one tree, got none');
  const [firstLeaves, structure] = first;
  rest.forEach(([, other], i) => {
    assertEqualStructure(`mapN (trees[0] vs trees[${i + 1}])`, structure, other);
  });
  return build(
    'mapN',
    structure.root,
    firstLeaves.map((_, i) => f(...flattened.map(([leaves]) => leaves[i]!))),
  );
}
