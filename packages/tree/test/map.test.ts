import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  keyPath,
  leafPaths,
  leaves,
  map,
  mapN,
  structure,
  type Tree,
  TreeMismatchError,
} from '../src/index.js';
import { deepFreeze, mixedTree, numberTree, singleEdits } from './arbitraries.js';

describe('map', () => {
  it('applies f to every leaf and gives it the path', () => {
    expect(map({ w: [1, 2], b: 3, off: null }, (x) => x * 2)).toEqual({
      b: 6,
      off: null,
      w: [2, 4],
    });
    expect(map({ w: [1, 2], b: 3 }, (_, path) => keyPath(path))).toEqual({
      b: 'b',
      w: ['w[0]', 'w[1]'],
    });
  });

  it('is the identity for x => x', () => {
    fc.assert(
      fc.property(mixedTree, (tree) => {
        expect(map(tree, (x) => x)).toEqual(tree);
      }),
    );
  });

  it('composes: map(map(t, f), g) equals map(t, g . f)', () => {
    const f = (x: number) => x * 3;
    const g = (x: number) => x - 1;
    fc.assert(
      fc.property(numberTree, (tree) => {
        expect(map(map(tree, f), g)).toEqual(map(tree, (x) => g(f(x))));
      }),
    );
  });

  it('gives f the leaves and paths in the order of leaves and leafPaths', () => {
    fc.assert(
      fc.property(mixedTree, (tree) => {
        const seen: [unknown, unknown][] = [];
        map(tree, (leaf, path) => seen.push([leaf, path]));
        expect(seen.map(([leaf]) => leaf)).toEqual(leaves(tree));
        expect(seen.map(([, path]) => path)).toEqual(leafPaths(tree));
      }),
    );
  });

  it('leaves its input unchanged', () => {
    fc.assert(
      fc.property(numberTree, (tree) => {
        const snapshot = structuredClone(tree);
        map(deepFreeze(tree), (x) => x + 1);
        expect(tree).toEqual(snapshot);
      }),
    );
  });

  it('rejects f returning undefined, naming the path', () => {
    expect(() => map({ a: [1] }, () => undefined)).toThrow(
      new TypeError('map: leaf 0 (for tree.a[0]) is undefined; use null for an empty subtree'),
    );
  });
});

describe('mapN', () => {
  it('combines leaf by leaf, in the order of the trees', () => {
    const params = { w: [1, 2], b: 3 };
    const grads = { b: 1, w: [0.5, 0.5] };
    expect(mapN([params, grads], (p, g) => p - 2 * g)).toEqual({
      b: 1,
      w: [0, 1],
    });
    expect(mapN([[1], [2], [3]], (...xs) => xs.join(''))).toEqual(['123']);
  });

  it('agrees with map on several copies of a tree', () => {
    fc.assert(
      fc.property(numberTree, (tree) => {
        const doubled = map(tree, (x) => 2 * x);
        expect(mapN([tree, doubled, tree], (a, b, c) => a + b - c)).toEqual(doubled);
        expect(mapN([tree], (x) => -x)).toEqual(map(tree, (x) => -x));
      }),
    );
  });

  it('leaves its inputs unchanged', () => {
    fc.assert(
      fc.property(numberTree, (tree) => {
        const snapshot = structuredClone(tree);
        const other = deepFreeze(structuredClone(tree));
        mapN([deepFreeze(tree), other], (a, b) => a * b);
        expect(tree).toEqual(snapshot);
        expect(other).toEqual(snapshot);
      }),
    );
  });

  it('throws TreeMismatchError printing both structures and the first difference', () => {
    const run = () =>
      mapN(
        [
          { a: 1, b: [2, 3] },
          { a: 1, b: [2] },
        ],
        (x, y) => x + y,
      );
    expect(run).toThrow(TreeMismatchError);
    expect(run).toThrow(
      'mapN (trees[0] vs trees[1]): tree structures differ, first at b (expected [*, *], got [*]):\n' +
        '  expected {a: *, b: [*, *]}\n' +
        '  actual   {a: *, b: [*]}',
    );
  });

  it('names the tree that differs and the root when that is where they differ', () => {
    const run = () => mapN<number | null, number>([[1], [2], null], (x) => x ?? 0);
    expect(run).toThrow(
      'mapN (trees[0] vs trees[2]): tree structures differ, first at the root (expected [*], got null):',
    );
  });

  it('throws TreeMismatchError for every single structural edit', () => {
    const treeAndEdit = numberTree.chain((tree) =>
      fc.constantFrom(...singleEdits(tree)).map((edited) => [tree, edited] as const),
    );
    fc.assert(
      fc.property(treeAndEdit, ([tree, edited]) => {
        const expected = String(structure(tree));
        const actual = String(structure(edited));
        const error = catchError(() => mapN([tree, edited], (a) => a));
        expect(error).toBeInstanceOf(TreeMismatchError);
        expect(error).toMatchObject({
          name: 'TreeMismatchError',
          expected,
          actual,
        });
        expect((error as Error).message).toContain(`\n  expected ${expected}\n`);
        expect((error as Error).message).toContain(`\n  actual   ${actual}`);
      }),
    );
  });

  it('rejects an empty list of trees', () => {
    expect(() => mapN<number, number>([], (x) => x)).toThrow(RangeError);
  });

  it('rejects undefined in any tree, naming which', () => {
    const trees = [{ a: 1 }, { a: undefined }] as unknown as Tree<number>[];
    expect(() => mapN(trees, (x) => x)).toThrow(/^mapN: undefined at trees\[1\]\.a;/);
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
