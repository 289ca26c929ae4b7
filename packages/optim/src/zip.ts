import { ShapeError, type Tensor } from '@tessera/tensor';
import {
  equalStructure,
  flatten,
  keyPath,
  leafPaths,
  mapN,
  type Tree,
  TreeMismatchError,
  type TreeStructure,
  unflatten,
} from '@tessera/tree';
import type { TensorTree } from './types.js';

/** A tree with the name errors give it, such as `['grads', g]` or `['state.mu', mu]`. */
export type Named<L = Tensor> = readonly [name: string, tree: Tree<L>];

/**
 * Applies `f` leaf by leaf across trees that must share one structure and, leaf by leaf, one
 * shape (NumPy broadcasting would otherwise hide a gradient of the wrong shape). The first tree
 * is the reference: errors call it `expected`. The result has the first tree's structure.
 *
 * @param op - the public function on whose behalf we zip, named in errors.
 * @throws TreeMismatchError naming `op` and both trees when the structures differ.
 * @throws ShapeError naming `op`, the leaf path and both shapes when the shapes of a leaf differ.
 */
export function zipTensors(
  op: string,
  named: readonly Named[],
  f: (...leaves: Tensor[]) => Tensor,
): TensorTree {
  const flattened = named.map((entry) => flattenNamed(op, entry));
  const [first] = flattened;
  if (first === undefined) throw new RangeError(`${op}: needs at least one tree`);
  const [firstLeaves, structure] = first;
  flattened.forEach(([leaves, other], i) => {
    if (i === 0) return;
    assertSameStructure(op, named[0]!, structure, named[i]!, other);
    assertSameShapes(op, named[0]!, firstLeaves, named[i]!, leaves);
  });
  const results = firstLeaves.map((_, j) => f(...flattened.map(([leaves]) => leaves[j]!)));
  return unflatten(structure, results);
}

/** Flattens a named tree, failing with the op and the name if it is missing. */
export function flattenNamed<L>(op: string, [name, tree]: Named<L>): [L[], TreeStructure] {
  if (tree === undefined) {
    throw new TypeError(`${op}: ${name} is undefined; was the state made by this transformation?`);
  }
  return flatten(tree);
}

/**
 * Throws {@link TreeMismatchError} unless `actual` has the structure of `expected`. The message
 * is tree's own (both structures and the first path where they differ), with the op and the
 * names of the trees in place of `mapN (trees[0] vs trees[1])`.
 */
export function assertSameStructure<A, B>(
  op: string,
  expected: Named<A>,
  expectedStructure: TreeStructure,
  actual: Named<B>,
  actualStructure: TreeStructure,
): void {
  if (equalStructure(expectedStructure, actualStructure)) return;
  const context = `${op} (${expected[0]} vs ${actual[0]})`;
  try {
    // mapN prints both structures and the first difference; we only rename its context.
    mapN<A | B, null>([expected[1], actual[1]], () => null);
  } catch (error) {
    if (error instanceof TreeMismatchError) {
      const message = error.message.replace(/^mapN \(trees\[0\] vs trees\[1\]\)/, context);
      throw new TreeMismatchError(
        message.startsWith(context) ? message : `${context}: ${message}`,
        error.expected,
        error.actual,
      );
    }
    throw error;
  }
  throw new TreeMismatchError(
    `${context}: tree structures differ:\n` +
      `  expected ${expectedStructure}\n  actual   ${actualStructure}`,
    String(expectedStructure),
    String(actualStructure),
  );
}

function assertSameShapes(
  op: string,
  expected: Named,
  expectedLeaves: readonly Tensor[],
  actual: Named,
  actualLeaves: readonly Tensor[],
): void {
  const j = expectedLeaves.findIndex((x, k) => !sameShape(x.shape, actualLeaves[k]!.shape));
  if (j < 0) return;
  const path = leafPaths(actual[1])[j]!;
  throw new ShapeError(
    `${op}: ${keyPath(path, actual[0])} has shape ${showShape(actualLeaves[j]!.shape)}, ` +
      `but ${keyPath(path, expected[0])} has shape ${showShape(expectedLeaves[j]!.shape)}`,
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Formats a shape as `[2,3]`, as `@tessera/tensor`'s errors do. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
