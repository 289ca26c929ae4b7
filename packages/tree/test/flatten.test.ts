import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  flatten,
  keyPath,
  leafPaths,
  leaves,
  map,
  numLeaves,
  structure,
  TreeMismatchError,
  unflatten,
} from '../src/index.js';
import { Box, deepFreeze, mixedTree, numberTree } from './arbitraries.js';

describe('flatten and unflatten', () => {
  it('lists leaves with object keys sorted and arrays in order', () => {
    const [values, s] = flatten({ w: [1, 2], b: 3, extra: null });
    expect(values).toEqual([3, 1, 2]);
    expect(String(s)).toBe('{b: *, extra: null, w: [*, *]}');
    expect(s.numLeaves).toBe(3);
  });

  it('treats class instances, typed arrays, maps, functions and primitives as leaves', () => {
    const box = new Box(1);
    const typed = new Float32Array([1, 2]);
    const table = new Map([['k', 1]]);
    const fn = (x: number) => x;
    const tree = { box, typed, table, fn, text: 'hi', flag: false, zero: 0 };
    expect(leaves(tree)).toEqual([box, false, fn, table, 'hi', typed, 0]);
    expect(leaves(tree)[0]).toBe(box);
  });

  it('treats null-prototype objects as nodes', () => {
    const bare = Object.assign(Object.create(null) as Record<string, number>, {
      b: 2,
      a: 1,
    });
    expect(leaves(bare)).toEqual([1, 2]);
    expect(String(structure(bare))).toBe('{a: *, b: *}');
  });

  it('treats a single value as a tree of one leaf, and null, [] and {} as trees of none', () => {
    expect(flatten(5)[0]).toEqual([5]);
    expect(String(structure(5))).toBe('*');
    for (const empty of [null, [], {}]) expect(numLeaves(empty)).toBe(0);
    expect([null, [], {}, [null], { a: null }].map((t) => String(structure(t)))).toEqual([
      'null',
      '[]',
      '{}',
      '[null]',
      '{a: null}',
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(String(structure({ 'my key': 1, '0': [2], ok: null }))).toBe(
      '{"0": [*], "my key": *, ok: null}',
    );
  });

  it('keeps a key named __proto__ as a plain key', () => {
    const tree = JSON.parse('{"__proto__": [1], "a": 2}') as Record<string, unknown>;
    const rebuilt = unflatten(structure(tree), leaves(tree)) as Record<string, unknown>;
    expect(Object.keys(rebuilt)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(rebuilt)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rebuilt, '__proto__')?.value).toEqual([1]);
  });

  it('places trees given as leaves as they are', () => {
    expect(unflatten(structure([0, 0]), [{ a: 1 }, null])).toEqual([{ a: 1 }, null]);
  });

  it('round-trips: unflatten(structure(t), leaves(t)) equals t', () => {
    fc.assert(
      fc.property(mixedTree, (tree) => {
        expect(unflatten(structure(tree), leaves(tree))).toEqual(tree);
      }),
    );
  });

  it('round-trips leaves: leaves(unflatten(s, xs)) is xs', () => {
    fc.assert(
      fc.property(numberTree, fc.integer(), (tree, offset) => {
        const [values, s] = flatten(tree);
        const shifted = values.map((x) => x + offset);
        expect(leaves(unflatten(s, shifted))).toEqual(shifted);
      }),
    );
  });

  it('counts leaves alike in leaves, numLeaves, structure and leafPaths', () => {
    fc.assert(
      fc.property(mixedTree, (tree) => {
        const count = leaves(tree).length;
        expect(numLeaves(tree)).toBe(count);
        expect(structure(tree).numLeaves).toBe(count);
        expect(leafPaths(tree)).toHaveLength(count);
      }),
    );
  });

  it('visits object keys in sorted order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (dict) => {
        const sortedKeys = Object.keys(dict).sort();
        expect(leaves(dict)).toEqual(sortedKeys.map((key) => dict[key]));
        expect(leafPaths(dict)).toEqual(sortedKeys.map((key) => [key]));
        // The rebuilt object has the same keys, but JS lists integer-like keys first whatever
        // the insertion order, so only the set of keys is compared.
        const rebuilt = unflatten(structure(dict), leaves(dict)) as object;
        expect(Object.keys(rebuilt).sort()).toEqual(sortedKeys);
      }),
    );
  });

  it('returns fresh containers and leaves its input unchanged', () => {
    fc.assert(
      fc.property(numberTree, (tree) => {
        const snapshot = structuredClone(tree);
        deepFreeze(tree);
        const [values, s] = flatten(tree);
        const rebuilt = unflatten(s, values);
        values.reverse(); // the leaves array is the caller's to change
        expect(tree).toEqual(snapshot);
        expect(sharedContainers(tree, rebuilt)).toEqual([]);
      }),
    );
  });

  it('throws TreeMismatchError when unflatten gets the wrong number of leaves', () => {
    const s = structure({ a: 0, b: [0, 0] });
    const error = catchError(() => unflatten(s, [1, 2]));
    expect(error).toBeInstanceOf(TreeMismatchError);
    expect(error).toMatchObject({
      name: 'TreeMismatchError',
      expected: '3 leaves',
      actual: '2 leaves',
      message: 'unflatten: expected 3 leaves, got 2, for structure {a: *, b: [*, *]}',
    });
  });
});

describe('rejecting what is not a tree', () => {
  it('rejects undefined, naming its path', () => {
    const tree = { a: { b: [1, undefined] } } as unknown as number;
    expect(() => flatten(tree)).toThrow(
      new TypeError('flatten: undefined at tree.a.b[1]; use null for an empty subtree'),
    );
    expect(() => map(tree, (x) => x)).toThrow(/^map: undefined at tree\.a\.b\[1\]/);
    expect(() => structure(undefined)).toThrow(/structure: undefined at tree;/);
  });

  it('rejects the holes of sparse arrays', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is being tested
    expect(() => leaves([1, , 3])).toThrow(/leaves: undefined at tree\[1\]/);
  });

  it('rejects undefined leaves given to unflatten', () => {
    expect(() => unflatten(structure({ a: 0, b: [0] }), [1, undefined])).toThrow(
      new TypeError(
        'unflatten: leaf 1 (for tree.b[0]) is undefined; use null for an empty subtree',
      ),
    );
  });

  it('rejects cycles', () => {
    const loop: { self?: unknown } = {};
    loop.self = [loop];
    expect(() => leaves(loop)).toThrow(/leaves: cycle at tree\.self\[0\]/);
  });

  it('accepts one subtree shared in two places, since that is not a cycle', () => {
    const shared = [1, 2];
    expect(leaves({ a: shared, b: shared })).toEqual([1, 2, 1, 2]);
  });
});

describe('paths', () => {
  it('lists leaf paths in leaf order', () => {
    const params = { layers: [{ w: 1, b: 2 }], scale: 3, off: null };
    expect(leafPaths(params)).toEqual([['layers', 0, 'b'], ['layers', 0, 'w'], ['scale']]);
    expect(leafPaths(params).map((path) => keyPath(path, 'params'))).toEqual([
      'params.layers[0].b',
      'params.layers[0].w',
      'params.scale',
    ]);
    expect(leafPaths(7)).toEqual([[]]);
  });

  it('formats paths as accessor expressions', () => {
    expect(keyPath(['c1', 'w'])).toBe('c1.w');
    expect(keyPath([0, 'b'], 'layers')).toBe('layers[0].b');
    expect(keyPath([0, 'my key', '1x', '$ok_1'])).toBe('[0]["my key"]["1x"].$ok_1');
    expect(keyPath([], 'params')).toBe('params');
    expect(keyPath([])).toBe('');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Arrays and objects that appear in both trees (by identity). */
function sharedContainers(a: unknown, b: unknown): unknown[] {
  const inA = new Set(containers(a));
  return containers(b).filter((container) => inA.has(container));
}

function containers(tree: unknown): object[] {
  if (typeof tree !== 'object' || tree === null || tree instanceof Box) return [];
  return [tree, ...Object.values(tree).flatMap(containers)];
}
