import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalStructure, map, sameStructure, structure } from '../src/index.js';
import { mixedTree, numberTree, singleEdits } from './arbitraries.js';

describe('structure equality', () => {
  it('ignores leaf values and types, and the order keys were written in', () => {
    expect(equalStructure(structure({ a: 1, b: [2] }), structure({ b: ['x'], a: 'y' }))).toBe(true);
    expect(sameStructure({ w: [1, 2], b: 0 }, { b: 'x', w: ['y', 'z'] })).toBe(true);
  });

  it('tells null, empty containers, leaves, keys and lengths apart', () => {
    const kinds = [null, [], {}, 0, [null], { a: null }, [0], { a: 0 }, { b: 0 }, [0, 0]];
    for (const [i, a] of kinds.entries()) {
      for (const [j, b] of kinds.entries()) expect(sameStructure(a, b)).toBe(i === j);
    }
  });

  it('is reflexive, and holds between a tree and any map of it', () => {
    fc.assert(
      fc.property(mixedTree, (tree) => {
        expect(equalStructure(structure(tree), structure(tree))).toBe(true);
        expect(sameStructure(tree, map(tree, String))).toBe(true);
      }),
    );
  });

  it('detects every single structural edit', () => {
    fc.assert(
      fc.property(numberTree, (tree) => {
        const s = structure(tree);
        for (const edited of singleEdits(tree)) {
          expect(equalStructure(s, structure(edited))).toBe(false);
          expect(sameStructure(edited, tree)).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('agrees with comparing descriptions, which are therefore unambiguous', () => {
    fc.assert(
      fc.property(numberTree, numberTree, (a, b) => {
        const [sa, sb] = [structure(a), structure(b)];
        expect(equalStructure(sa, sb)).toBe(String(sa) === String(sb));
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(numberTree, numberTree, (a, b) => {
        expect(sameStructure(a, b)).toBe(sameStructure(b, a));
      }),
    );
  });
});

describe('TreeStructure', () => {
  it('is frozen all the way down', () => {
    const s = structure({ a: [1, null], b: { c: 2 } });
    expect(Object.isFrozen(s)).toBe(true);
    expect(isDeeplyFrozen(s.root)).toBe(true);
    expect(s.root).toEqual({
      kind: 'object',
      keys: ['a', 'b'],
      children: [
        { kind: 'array', children: [{ kind: 'leaf' }, { kind: 'null' }] },
        { kind: 'object', keys: ['c'], children: [{ kind: 'leaf' }] },
      ],
    });
  });

  it('prints readably', () => {
    expect(String(structure({ c: null, b: [1, [2, {}]], a: 'x' }))).toBe(
      '{a: *, b: [*, [*, {}]], c: null}',
    );
  });
});

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}
