import fc from 'fast-check';
import type { Tree } from '../src/index.js';

/** A class instance: a leaf, as tensors will be. */
export class Box {
  constructor(readonly value: number) {}
}

/** Random trees of `leaf`s and nulls, in arrays and plain objects (some with a null prototype). */
export function treeOf<L>(leaf: fc.Arbitrary<L>): fc.Arbitrary<Tree<L>> {
  return fc.letrec<{ tree: Tree<L> }>((tie) => ({
    // Leaves come first: at maxDepth fast-check falls back to the first arbitrary.
    tree: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      leaf,
      fc.constant(null),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 3 }), tie('tree'), { maxKeys: 4 }),
    ),
  })).tree;
}

export const numberTree = treeOf(fc.integer());

/** Trees with leaves of several kinds, including class instances and typed arrays. */
export const mixedTree = treeOf<unknown>(
  fc.oneof(
    fc.double(),
    fc.string({ maxLength: 2 }),
    fc.boolean(),
    fc.integer().map((n) => new Box(n)),
    fc.array(fc.float(), { maxLength: 3 }).map((xs) => Float32Array.from(xs)),
  ),
);

/** Freezes a tree and everything in it, so that any mutation throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every tree that differs from `tree` by one structural edit at one node: a leaf becomes null or
 * is wrapped, a null becomes a leaf, an array or object gains or loses an entry, an object key is
 * renamed. Written without
 * the library, so it can serve as an oracle for structure comparison.
 */
export function singleEdits(tree: Tree<number>): Tree<number>[] {
  if (tree === null) return [0];
  if (Array.isArray(tree)) {
    const items: readonly Tree<number>[] = tree;
    const own = [[...items, null], ...(items.length > 0 ? [items.slice(0, -1)] : [])];
    const nested = items.flatMap((item, i) =>
      singleEdits(item).map((edited) => items.map((other, j) => (j === i ? edited : other))),
    );
    return [...own, ...nested];
  }
  if (typeof tree === 'object') {
    const entries = Object.entries(tree);
    // Generated keys are at most 3 characters long, so keys of 4 or more are always new.
    const own = [
      { ...tree, '~new': null },
      ...entries.map((_, i) => Object.fromEntries(entries.filter((__, j) => j !== i))),
      ...entries.map((_, i) =>
        Object.fromEntries(entries.map(([key, value], j) => [j === i ? `${key}~~~~` : key, value])),
      ),
    ];
    const nested = entries.flatMap(([key, value]) =>
      singleEdits(value).map((edited) => Object.fromEntries([...entries, [key, edited]])),
    );
    return [...own, ...nested];
  }
  return [null, [tree], { x: tree }];
}
