import { Key } from '@tessera/random';
import { Tensor } from '@tessera/tensor';
import { flatten, keyPath, leafPaths, type Tree, unflatten } from '@tessera/tree';
import { CheckpointMismatchError, showShape } from './errors.js';
import type { CheckpointLeaf } from './tree-codec.js';

/**
 * Checks that a tree loaded from a checkpoint fits a template (the model's freshly initialised
 * parameters, or the optimizer's initial state) and returns the loaded leaves in the
 * template's structure, typed as the template.
 *
 * Leaves are matched by path, so key order does not matter. Every tensor must have the
 * template's shape and dtype, every other leaf the template's kind (a number for a number, a
 * key for a key); the checkpoint may hold nothing the template lacks and must hold everything
 * it has. Empty subtrees (`null`, `[]`, `{}`) hold no leaves and are taken from the template.
 *
 * @param template - a tree of the expected structure, shapes and dtypes; its values are unused.
 * @param loaded - the tree from the checkpoint, such as `loadCheckpoint(path).params`.
 * @param root - the name paths start from in messages: `params` (default) or `optState`.
 * @throws CheckpointMismatchError naming the first leaf that does not fit and both sides:
 *   `checkpoint tensor params.c1.w has shape [6,1,5,5], model expects [6,1,3,3]`.
 *
 * @example
 * ```ts
 * import { loadCheckpoint, restoreInto } from '@tessera/models';
 *
 * const [, initial] = model.init(key(0), [1, 1, 32, 32]);
 * const checkpoint = loadCheckpoint('runs/lenet5/checkpoint.safetensors');
 * const params = restoreInto(initial, checkpoint.params);
 * const optState = restoreInto(optimizer.init(initial), checkpoint.optState, 'optState');
 * ```
 */
export function restoreInto<T>(template: T, loaded: Tree<CheckpointLeaf>, root = 'params'): T {
  const [expectedLeaves, structure] = flatten<unknown>(template as Tree<unknown>);
  const expectedNames = leafPaths(template as Tree<unknown>).map((path) => keyPath(path, root));
  const [loadedLeaves] = flatten<unknown>(loaded);
  const loadedByName = new Map(
    leafPaths(loaded).map((path, i) => [keyPath(path, root), loadedLeaves[i]] as const),
  );
  const restored = expectedLeaves.map((expected, i) => {
    const name = expectedNames[i]!;
    if (!loadedByName.has(name)) {
      throw new CheckpointMismatchError(
        `checkpoint has no ${name}; the model expects ${describe(expected)}`,
        name,
        describe(expected),
        'nothing',
      );
    }
    const actual = loadedByName.get(name);
    checkFits(name, expected, actual);
    loadedByName.delete(name);
    return actual;
  });
  const [extra] = loadedByName;
  if (extra !== undefined) {
    const [name, leaf] = extra;
    throw new CheckpointMismatchError(
      `checkpoint ${leaf instanceof Tensor ? 'tensor ' : ''}${name} (${describe(leaf)}) is not in the model`,
      name,
      'nothing',
      describe(leaf),
    );
  }
  return unflatten(structure, restored) as T;
}

function checkFits(name: string, expected: unknown, actual: unknown): void {
  if (expected instanceof Tensor && actual instanceof Tensor) {
    if (!sameShape(expected.shape, actual.shape)) {
      const [want, got] = [showShape(expected.shape), showShape(actual.shape)];
      throw new CheckpointMismatchError(
        `checkpoint tensor ${name} has shape ${got}, model expects ${want}`,
        name,
        `shape ${want}`,
        `shape ${got}`,
      );
    }
    if (expected.dtype !== actual.dtype) {
      throw new CheckpointMismatchError(
        `checkpoint tensor ${name} has dtype ${actual.dtype}, model expects ${expected.dtype}`,
        name,
        `dtype ${expected.dtype}`,
        `dtype ${actual.dtype}`,
      );
    }
    return;
  }
  if (kindOf(expected) !== kindOf(actual)) {
    throw new CheckpointMismatchError(
      `checkpoint ${name} is ${describe(actual)}, model expects ${describe(expected)}`,
      name,
      describe(expected),
      describe(actual),
    );
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function kindOf(leaf: unknown): string {
  if (leaf instanceof Tensor) return 'tensor';
  if (leaf instanceof Key) return 'key';
  return typeof leaf;
}

function describe(leaf: unknown): string {
  if (leaf instanceof Tensor) return `a ${leaf.dtype} tensor of shape ${showShape(leaf.shape)}`;
  if (leaf instanceof Key) return 'a PRNG key';
  return `a ${typeof leaf}`;
}
