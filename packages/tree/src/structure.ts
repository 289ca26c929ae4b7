import { TreeMismatchError } from './errors.js';
import { formatKey, keyPath, type PathKey, type TreePath } from './tree.js';

/**
 * One node of a {@link TreeStructure}: a leaf position, an empty subtree (`null`), an array, or a
 * plain object whose keys are stored in the order they are visited (sorted).
 *
 * @example
 * ```ts
 * import { structure, type StructureNode } from '@tessera/tree';
 *
 * const root: StructureNode = structure({ b: [1], a: null }).root;
 * // { kind: 'object', keys: ['a', 'b'],
 * //   children: [{ kind: 'null' }, { kind: 'array', children: [{ kind: 'leaf' }] }] }
 * ```
 */
export type StructureNode =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly children: readonly StructureNode[] }
  | {
      readonly kind: 'object';
      readonly keys: readonly string[];
      readonly children: readonly StructureNode[];
    };

// Nodes are frozen as they are made, so a structure can be shared without copying.
export const LEAF_NODE: StructureNode = Object.freeze({ kind: 'leaf' });
export const NULL_NODE: StructureNode = Object.freeze({ kind: 'null' });

export function arrayNode(children: readonly StructureNode[]): StructureNode {
  return Object.freeze({ kind: 'array', children: Object.freeze(children) });
}

export function objectNode(
  keys: readonly string[],
  children: readonly StructureNode[],
): StructureNode {
  return Object.freeze({
    kind: 'object',
    keys: Object.freeze(keys),
    children: Object.freeze(children),
  });
}

/**
 * The shape of a tree without its leaves: node kinds, object keys (sorted) and where the leaves
 * go. Immutable; made by {@link structure} or {@link flatten}, consumed by {@link unflatten} and
 * compared with {@link equalStructure}. `String(s)` gives a readable form such as
 * `{a: *, b: [*, *], c: null}`, where `*` marks a leaf.
 *
 * @example
 * ```ts
 * import { structure } from '@tessera/tree';
 *
 * const s = structure({ b: [1, 2], a: 0, c: null });
 * s.numLeaves; // 3
 * String(s); // '{a: *, b: [*, *], c: null}'
 * ```
 */
export class TreeStructure {
  /** The number of leaves a tree of this structure holds. */
  readonly numLeaves: number;

  constructor(
    /** The root node; frozen all the way down. */
    readonly root: StructureNode,
  ) {
    this.numLeaves = countLeaves(root);
    Object.freeze(this);
  }

  /** A readable description: `*` for a leaf, `null`, `[…]` and `{key: …}` with sorted keys. */
  toString(): string {
    return describe(this.root);
  }
}

function countLeaves(node: StructureNode): number {
  switch (node.kind) {
    case 'leaf':
      return 1;
    case 'null':
      return 0;
    default:
      return node.children.reduce((sum, child) => sum + countLeaves(child), 0);
  }
}

function describe(node: StructureNode): string {
  switch (node.kind) {
    case 'leaf':
      return '*';
    case 'null':
      return 'null';
    case 'array':
      return `[${node.children.map(describe).join(', ')}]`;
    case 'object': {
      const entries = node.keys.map(
        (key, i) => `${formatKey(key)}: ${describe(node.children[i]!)}`,
      );
      return `{${entries.join(', ')}}`;
    }
  }
}

/** Where two structures first differ (depth first, in visiting order), and what each has there. */
interface Difference {
  readonly path: TreePath;
  readonly expected: StructureNode;
  readonly actual: StructureNode;
}

function firstDifference(
  expected: StructureNode,
  actual: StructureNode,
  path: TreePath = [],
): Difference | undefined {
  if (!sameNodeShape(expected, actual)) return { path, expected, actual };
  const steps = stepsOf(expected);
  const actualChildren = childrenOf(actual);
  for (const [i, child] of childrenOf(expected).entries()) {
    const difference = firstDifference(child, actualChildren[i]!, [...path, steps[i]!]);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

export function childrenOf(node: StructureNode): readonly StructureNode[] {
  return node.kind === 'array' || node.kind === 'object' ? node.children : [];
}

/** The path step to each child: its key in an object, its index in an array. */
export function stepsOf(node: StructureNode): readonly PathKey[] {
  return node.kind === 'object' ? node.keys : childrenOf(node).map((_, i) => i);
}

/** The path to every leaf under `node`, in leaf order, each path a fresh array. */
export function leafPathsOf(node: StructureNode, path: TreePath = []): TreePath[] {
  if (node.kind === 'leaf') return [path];
  const steps = stepsOf(node);
  return childrenOf(node).flatMap((child, i) => leafPathsOf(child, [...path, steps[i]!]));
}

/** Same kind and, for containers, the same length and keys; the children are not compared. */
function sameNodeShape(a: StructureNode, b: StructureNode): boolean {
  if (a.kind === 'array' && b.kind === 'array') return a.children.length === b.children.length;
  if (a.kind === 'object' && b.kind === 'object') {
    return a.keys.length === b.keys.length && a.keys.every((key, i) => key === b.keys[i]);
  }
  return a.kind === b.kind;
}

/**
 * Whether two structures are the same: same node kinds, array lengths and object keys, with
 * leaves in the same places. The leaves themselves are not part of a structure.
 *
 * It takes structures rather than trees because a `TreeStructure` is itself a leaf; to compare
 * two trees, use {@link sameStructure}.
 *
 * @example
 * ```ts
 * import { equalStructure, structure } from '@tessera/tree';
 *
 * equalStructure(structure({ a: 1, b: [2] }), structure({ b: ['x'], a: 'y' })); // true
 * equalStructure(structure([1, 2]), structure([1, [2]])); // false
 * ```
 */
export function equalStructure(a: TreeStructure, b: TreeStructure): boolean {
  return a === b || firstDifference(a.root, b.root) === undefined;
}

/**
 * Throws a {@link TreeMismatchError} that prints both structures and the first path where they
 * differ, unless they are equal.
 *
 * @param context - what is comparing them, such as `'mapN (trees[0] vs trees[2])'`.
 */
export function assertEqualStructure(
  context: string,
  expected: TreeStructure,
  actual: TreeStructure,
): void {
  const difference = expected === actual ? undefined : firstDifference(expected.root, actual.root);
  if (difference === undefined) return;
  const where = difference.path.length === 0 ? 'the root' : keyPath(difference.path);
  throw new TreeMismatchError(
    `${context}: tree structures differ, first at ${where}` +
      ` (expected ${describe(difference.expected)}, got ${describe(difference.actual)}):\n` +
      `  expected ${expected}\n` +
      `  actual   ${actual}`,
    String(expected),
    String(actual),
  );
}
