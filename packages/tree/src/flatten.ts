import { TreeMismatchError } from './errors.js';
import {
  arrayNode,
  equalStructure,
  LEAF_NODE,
  leafPathsOf,
  NULL_NODE,
  objectNode,
  type StructureNode,
  TreeStructure,
} from './structure.js';
import { isPlainObject, keyPath, type Tree, type TreePath } from './tree.js';

/** What one walk over a tree needs besides the current value and path. */
interface Walk {
  /** The public function on whose behalf we walk, for error messages. */
  readonly operation: string;
  /** How error messages name the tree itself, such as `tree` or `trees[1]`. */
  readonly rootName: string;
  /** The leaves found so far, in visiting order. */
  readonly leaves: unknown[];
  /** The containers between the root and the current value, to catch cycles. */
  readonly ancestors: Set<object>;
}

/**
 * Splits a tree into its leaves and its structure, walking arrays in index order and object keys
 * in sorted order. The accumulators in {@link Walk} belong to this one call, so the function is
 * pure as seen from outside.
 *
 * @param operation - the public function calling, named in errors.
 * @param rootName - how errors name the tree (`tree`, `trees[1]`).
 */
export function flattenIn<L>(
  operation: string,
  tree: Tree<L>,
  rootName = 'tree',
): [leaves: L[], structure: TreeStructure] {
  const walk: Walk = { operation, rootName, leaves: [], ancestors: new Set() };
  const root = visit(tree, [], walk);
  // Every leaf of a Tree<L> is an L: the walk only collects values that are not tree nodes.
  return [walk.leaves as L[], new TreeStructure(root)];
}

function visit(value: unknown, path: TreePath, walk: Walk): StructureNode {
  if (value === undefined) {
    // undefined is what a misspelt key gives, and JSON drops it: a tree holding it changes shape.
    throw new TypeError(
      `${walk.operation}: undefined at ${keyPath(path, walk.rootName)}; use null for an empty subtree`,
    );
  }
  if (value === null) return NULL_NODE;
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    // Index by index rather than items.map, which would skip the holes of a sparse array.
    return within(items, path, walk, () =>
      arrayNode(
        Array.from({ length: items.length }, (_, i) => visit(items[i], [...path, i], walk)),
      ),
    );
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return within(value, path, walk, () =>
      objectNode(
        keys,
        keys.map((key) => visit(value[key], [...path, key], walk)),
      ),
    );
  }
  walk.leaves.push(value);
  return LEAF_NODE;
}

/** Visits the children of `container`, failing clearly if it is one of its own ancestors. */
function within(
  container: object,
  path: TreePath,
  walk: Walk,
  visitChildren: () => StructureNode,
): StructureNode {
  if (walk.ancestors.has(container)) {
    throw new TypeError(
      `${walk.operation}: cycle at ${keyPath(path, walk.rootName)}: a tree cannot contain itself`,
    );
  }
  walk.ancestors.add(container);
  try {
    return visitChildren();
  } finally {
    walk.ancestors.delete(container);
  }
}

/**
 * Builds a fresh tree of the given structure, taking leaves in order from `values`.
 * The caller has checked that there are exactly as many values as leaf positions.
 *
 * @param operation - the public function calling, named in errors.
 */
export function build<L>(operation: string, root: StructureNode, values: readonly L[]): Tree<L> {
  let next = 0;
  const take = (): L => {
    const index = next++;
    const value = values[index];
    if (value === undefined) {
      const path = leafPathsOf(root)[index] ?? [];
      throw new TypeError(
        `${operation}: leaf ${index} (for ${keyPath(path, 'tree')}) is undefined; ` +
          'use null for an empty subtree',
      );
    }
    return value;
  };
  const rebuild = (node: StructureNode): Tree<L> => {
    switch (node.kind) {
      case 'leaf':
        return take();
      case 'null':
        return null;
      case 'array':
        return node.children.map(rebuild);
      case 'object':
        // fromEntries defines own properties, so even a key named __proto__ stays a plain key.
        return Object.fromEntries(node.keys.map((key, i) => [key, rebuild(node.children[i]!)]));
    }
  };
  return rebuild(root);
}

/**
 * Splits a tree into its leaves and its structure. Arrays are walked in index order and object
 * keys in sorted order (JS default sort of `Object.keys`, as JAX sorts dict keys), so two objects
 * with the same keys flatten alike whatever order the keys were written in.
 *
 * @returns the leaves in a fresh array, and the structure to rebuild the tree with
 *   {@link unflatten}.
 * @throws TypeError if the tree holds `undefined` (the message names the path) or a cycle.
 *
 * @example
 * ```ts
 * import { flatten, unflatten } from '@tessera/tree';
 *
 * const [leaves, structure] = flatten({ w: [1, 2], b: 3, extra: null });
 * leaves; // [3, 1, 2]  (keys sorted: b, extra, w)
 * String(structure); // '{b: *, extra: null, w: [*, *]}'
 * unflatten(structure, leaves.map((x) => x * 10)); // { b: 30, extra: null, w: [10, 20] }
 * ```
 */
export function flatten<L>(tree: Tree<L>): [leaves: L[], structure: TreeStructure] {
  return flattenIn('flatten', tree);
}

/**
 * Builds a fresh tree of the given structure from leaves, in the order {@link flatten} lists
 * them. A leaf may itself be a tree (an array, an object, `null`): it is placed as it is.
 *
 * @throws TreeMismatchError if the number of leaves is not `structure.numLeaves`.
 * @throws TypeError if a leaf is `undefined`.
 *
 * @example
 * ```ts
 * import { structure, unflatten } from '@tessera/tree';
 *
 * unflatten(structure({ a: 0, b: [0, 0] }), ['x', 'y', 'z']); // { a: 'x', b: ['y', 'z'] }
 * unflatten(structure([0, 0]), [1]); // throws TreeMismatchError: expected 2 leaves, got 1
 * ```
 */
export function unflatten<L>(structure: TreeStructure, leaves: readonly L[]): Tree<L> {
  if (leaves.length !== structure.numLeaves) {
    throw new TreeMismatchError(
      `unflatten: expected ${structure.numLeaves} leaves, got ${leaves.length}, ` +
        `for structure ${structure}`,
      `${structure.numLeaves} leaves`,
      `${leaves.length} leaves`,
    );
  }
  return build('unflatten', structure.root, leaves);
}

/**
 * The structure of a tree, without its leaves.
 *
 * @example
 * ```ts
 * import { structure } from '@tessera/tree';
 *
 * String(structure({ b: [1, 2], a: 'x', c: null })); // '{a: *, b: [*, *], c: null}'
 * structure([1, [2, 3]]).numLeaves; // 3
 * ```
 */
export function structure(tree: Tree): TreeStructure {
  return flattenIn('structure', tree)[1];
}

/**
 * The leaves of a tree in a fresh array, arrays in index order and object keys sorted.
 *
 * @example
 * ```ts
 * import { leaves } from '@tessera/tree';
 *
 * leaves({ b: [1, 2], a: 3, c: null }); // [3, 1, 2]
 * leaves(7); // [7]
 * leaves(null); // []
 * ```
 */
export function leaves<L>(tree: Tree<L>): L[] {
  return flattenIn('leaves', tree)[0];
}

/**
 * How many leaves a tree has. `null`, `[]` and `{}` have none.
 *
 * @example
 * ```ts
 * import { numLeaves } from '@tessera/tree';
 *
 * numLeaves({ w: [1, 2], b: 3, skip: null }); // 3
 * ```
 */
export function numLeaves(tree: Tree): number {
  return flattenIn('numLeaves', tree)[1].numLeaves;
}

/**
 * The path to each leaf, in the order {@link leaves} lists them. Format one with
 * {@link keyPath} to get a readable name such as `params.layers[0].w`.
 *
 * @example
 * ```ts
 * import { keyPath, leafPaths } from '@tessera/tree';
 *
 * const params = { layers: [{ w: 1, b: 2 }], scale: 3 };
 * leafPaths(params); // [['layers', 0, 'b'], ['layers', 0, 'w'], ['scale']]
 * leafPaths(params).map((path) => keyPath(path, 'params'));
 * // ['params.layers[0].b', 'params.layers[0].w', 'params.scale']
 * ```
 */
export function leafPaths(tree: Tree): TreePath[] {
  return leafPathsOf(flattenIn('leafPaths', tree)[1].root);
}

/**
 * Whether two trees have the same structure (see {@link equalStructure}); their leaves may
 * differ in value and type.
 *
 * @example
 * ```ts
 * import { sameStructure } from '@tessera/tree';
 *
 * sameStructure({ w: [1, 2], b: 0 }, { b: 'x', w: ['y', 'z'] }); // true
 * sameStructure({ w: [1, 2] }, { w: [1, 2], b: null }); // false: keys differ
 * ```
 */
export function sameStructure(a: Tree, b: Tree): boolean {
  return equalStructure(
    flattenIn('sameStructure', a, 'a')[1],
    flattenIn('sameStructure', b, 'b')[1],
  );
}
