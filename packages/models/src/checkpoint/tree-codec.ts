import { Key } from '@tessera/random';
import { Tensor } from '@tessera/tensor';
import { flatten, keyPath, type StructureNode, type Tree, type TreePath } from '@tessera/tree';
import { CheckpointError } from './errors.js';

/**
 * A leaf a checkpoint can hold. Tensors go to the safetensors byte buffer under their path's
 * name; the rest are small and go to the JSON metadata, exactly.
 *
 * @example
 * ```ts
 * import type { CheckpointLeaf } from '@tessera/models';
 *
 * const leaves: CheckpointLeaf[] = [tensor([1, 2]), 0, key(42), 'relu', true];
 * ```
 */
export type CheckpointLeaf = Tensor | Key | number | string | boolean;

/**
 * A tree's structure with its non-tensor leaves, as JSON: containers as they are (objects
 * wrapped, so that no key of the user's can be mistaken for a tag), and each leaf a one-key
 * object naming its kind.
 */
export type Skeleton =
  | null
  | readonly Skeleton[]
  | { readonly object: { readonly [key: string]: Skeleton } }
  | { readonly tensor: string }
  | { readonly number: number | string }
  | { readonly key: readonly [number, number] }
  | { readonly string: string }
  | { readonly boolean: boolean };

/** A tree taken apart: its skeleton and its tensors with their names. */
export interface EncodedTree {
  readonly skeleton: Skeleton;
  readonly tensors: ReadonlyArray<readonly [name: string, tensor: Tensor]>;
}

/**
 * Takes a tree apart for a checkpoint; `root` names it (`params`), and each tensor is named by
 * its path from there (`params.c1.w`, `optState[0].mu.c1.w`).
 */
export function encodeTree(tree: Tree<CheckpointLeaf>, root: string): EncodedTree {
  const [leaves, structure] = flatten<unknown>(tree);
  const tensors: [string, Tensor][] = [];
  let next = 0;
  const visit = (node: StructureNode, path: TreePath): Skeleton => {
    switch (node.kind) {
      case 'null':
        return null;
      case 'array':
        return node.children.map((child, i) => visit(child, [...path, i]));
      case 'object':
        return {
          object: Object.fromEntries(
            node.keys.map((key, i) => [key, visit(node.children[i]!, [...path, key])]),
          ),
        };
      case 'leaf':
        return encodeLeaf(leaves[next++], keyPath(path, root), tensors);
    }
  };
  return { skeleton: visit(structure.root, []), tensors };
}

function encodeLeaf(leaf: unknown, name: string, tensors: [string, Tensor][]): Skeleton {
  if (leaf instanceof Tensor) {
    tensors.push([name, leaf]);
    return { tensor: name };
  }
  if (leaf instanceof Key) return { key: [leaf.k0, leaf.k1] };
  if (typeof leaf === 'number') {
    // JSON has no NaN, infinities or -0; spell them as strings, which a number never is.
    return { number: Number.isFinite(leaf) && !Object.is(leaf, -0) ? leaf : numberName(leaf) };
  }
  if (typeof leaf === 'string') return { string: leaf };
  if (typeof leaf === 'boolean') return { boolean: leaf };
  const kind =
    typeof leaf === 'object' && leaf !== null ? (leaf.constructor?.name ?? 'object') : typeof leaf;
  throw new CheckpointError(
    `checkpoint: cannot store the leaf at ${name}, a ${kind}; a checkpoint holds tensors, ` +
      'numbers, strings, booleans and PRNG keys',
  );
}

function numberName(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

const NUMBER_NAMES: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

/**
 * Rebuilds a tree from its skeleton, taking tensors from `tensors` by name and adding each
 * name used to `used`, so the caller can tell whether the file holds tensors no tree claims.
 */
export function decodeTree(
  skeleton: unknown,
  root: string,
  tensors: Readonly<Record<string, Tensor>>,
  used: Set<string>,
): Tree<CheckpointLeaf> {
  const visit = (node: unknown, path: TreePath): Tree<CheckpointLeaf> => {
    const bad = (what: string): never => {
      throw new CheckpointError(
        `checkpoint: the stored structure of ${root} is malformed at ${keyPath(path, root)}: ${what}`,
      );
    };
    if (node === null) return null;
    if (Array.isArray(node)) return node.map((child, i) => visit(child, [...path, i]));
    if (typeof node !== 'object') return bad(`unexpected ${JSON.stringify(node)}`);
    const entries = Object.entries(node);
    if (entries.length !== 1) return bad(`expected one tag, got ${JSON.stringify(node)}`);
    const [tag, value] = entries[0]!;
    switch (tag) {
      case 'object':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return bad('an object node must hold an object');
        }
        return Object.fromEntries(
          Object.entries(value).map(([key, child]) => [key, visit(child, [...path, key])]),
        );
      case 'tensor': {
        const t = typeof value === 'string' ? tensors[value] : undefined;
        if (t === undefined || !Object.hasOwn(tensors, value as string)) {
          throw new CheckpointError(
            `checkpoint: ${keyPath(path, root)} refers to tensor ${JSON.stringify(value)}, ` +
              'which the file does not hold',
          );
        }
        used.add(value as string);
        return t;
      }
      case 'number':
        if (typeof value === 'number') return value;
        if (typeof value === 'string' && Object.hasOwn(NUMBER_NAMES, value)) {
          return NUMBER_NAMES[value]!;
        }
        return bad(`not a number: ${JSON.stringify(value)}`);
      case 'key': {
        const words = Array.isArray(value) ? value : [];
        try {
          return new Key(words[0], words[1]);
        } catch {
          return bad(`not a PRNG key: ${JSON.stringify(value)}`);
        }
      }
      case 'string':
        return typeof value === 'string' ? value : bad('a string leaf must hold a string');
      case 'boolean':
        return typeof value === 'boolean' ? value : bad('a boolean leaf must hold a boolean');
      default:
        return bad(`unknown tag ${JSON.stringify(tag)}`);
    }
  };
  return visit(skeleton, []);
}
