/**
 * A pytree: a leaf, `null` (an empty subtree), an array of trees, or a plain object of trees.
 *
 * A leaf is any value that is not an array, not a plain object (prototype `Object.prototype` or
 * `null`) and not `null`/`undefined`: numbers, strings, typed arrays, `Map`s and class instances
 * such as tensors are all leaves. `undefined` is not a tree; every function here rejects it.
 *
 * @typeParam L - the type of the leaves.
 *
 * @example
 * ```ts
 * import type { Tree } from '@tessera/tree';
 *
 * const params: Tree<number> = { layers: [{ w: 1, b: 2 }, { w: 3, b: null }], scale: 4 };
 * ```
 */
export type Tree<L = unknown> = L | null | readonly Tree<L>[] | { readonly [key: string]: Tree<L> };

/**
 * One step of a path into a tree: an array index or an object key.
 *
 * @example
 * ```ts
 * import type { PathKey } from '@tessera/tree';
 *
 * const steps: PathKey[] = ['layers', 0, 'w'];
 * ```
 */
export type PathKey = string | number;

/**
 * Where a leaf sits in a tree: the indices and keys from the root down to it.
 *
 * @example
 * ```ts
 * import { leafPaths, type TreePath } from '@tessera/tree';
 *
 * const paths: TreePath[] = leafPaths({ w: 1, b: [2] }); // [['b', 0], ['w']]
 * ```
 */
export type TreePath = readonly PathKey[];

/** A plain object is a tree node; any other object (a class instance, a `Map`) is a leaf. */
export function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Formats an object key as it would be written in a JS object literal, so that keys with spaces,
 * dots or brackets stay unambiguous in paths and structure descriptions.
 */
export function formatKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/**
 * Formats a path as a JS accessor expression: `layers[0].b`, optionally after a root name
 * (`params.c1.w`). Keys that are not identifiers are quoted in brackets (`["my key"]`).
 *
 * @param path - the indices and keys, as given to the callback of {@link map} or by
 *   {@link leafPaths}.
 * @param root - a name to start from, such as `'params'`; empty by default.
 *
 * @example
 * ```ts
 * import { keyPath } from '@tessera/tree';
 *
 * keyPath(['c1', 'w']); // 'c1.w'
 * keyPath(['layers', 0, 'b'], 'params'); // 'params.layers[0].b'
 * keyPath([0, 'my key']); // '[0]["my key"]'
 * ```
 */
export function keyPath(path: TreePath, root = ''): string {
  return path.reduce<string>((prefix, key) => prefix + formatStep(prefix, key), root);
}

function formatStep(prefix: string, key: PathKey): string {
  if (typeof key === 'number') return `[${key}]`;
  if (!IDENTIFIER.test(key)) return `[${JSON.stringify(key)}]`;
  return prefix === '' ? key : `.${key}`;
}
