import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bits, foldIn, Key, key, keyData, split, threefry2x32 } from '../src/index.js';

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const keyArb = fc.tuple(seedArb, seedArb).map(([a, b]) => new Key(a, b));
const id = (k: Key): string => `${k.k0},${k.k1}`;

describe('Key', () => {
  it('prints as Key(k0, k1), also in console.log', () => {
    expect(String(key(42))).toBe('Key(0, 42)');
    expect(inspect(key(42))).toBe('Key(0, 42)');
  });

  it('is frozen', () => {
    const k = key(1);
    expect(Object.isFrozen(k)).toBe(true);
    expect(() => {
      (k as { k0: number }).k0 = 5;
    }).toThrow(TypeError);
    expect(keyData(k)).toEqual([0, 1]);
  });

  it('rejects words that are not uint32', () => {
    expect(() => new Key(-1, 0)).toThrow('Key: k0=-1 must be an integer in [0, 4294967295]');
    expect(() => new Key(0, 2 ** 32)).toThrow(RangeError);
    expect(() => new Key(0, 1.5)).toThrow(RangeError);
  });
});

describe('key(seed)', () => {
  it('is Key(0, seed) for seeds below 2^32', () => {
    fc.assert(
      fc.property(seedArb, (s) => {
        expect(keyData(key(s))).toEqual([0, s]);
      }),
    );
  });

  it('splits a 64-bit two’s-complement seed into high and low words', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (s) => {
        const [hi, lo] = keyData(key(s));
        const signedHi = hi >= 2 ** 31 ? hi - 2 ** 32 : hi;
        expect(signedHi * 2 ** 32 + lo).toBe(s);
      }),
    );
    expect(keyData(key(2 ** 32 + 7))).toEqual([1, 7]);
    expect(keyData(key(Number.MAX_SAFE_INTEGER))).toEqual([2 ** 21 - 1, 0xffffffff]);
    expect(keyData(key(-Number.MAX_SAFE_INTEGER))).toEqual([0xffe00000, 1]);
  });

  it('rejects non-integers, unsafe integers and non-numbers', () => {
    expect(() => key(1.5)).toThrow('key: seed=1.5 must be a safe integer (|seed| <= 2^53 - 1)');
    expect(() => key(2 ** 53)).toThrow(RangeError);
    expect(() => key(Number.NaN)).toThrow(RangeError);
    expect(() => key('1' as unknown as number)).toThrow('key: seed must be a number, got string');
  });
});

describe('split', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(keyArb, (k) => {
        expect(split(k, 5)).toEqual(split(k, 5));
      }),
    );
  });

  it('gives keys that differ from each other and from the parent', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 0, max: 64 }), (k, n) => {
        const children = split(k, n);
        expect(children).toHaveLength(n);
        expect(new Set([k, ...children].map(id)).size).toBe(n + 1);
      }),
    );
  });

  it('defaults to two keys and leaves the parent unchanged', () => {
    const k = key(7);
    expect(split(k)).toHaveLength(2);
    expect(keyData(k)).toEqual([0, 7]);
  });

  it('rejects bad counts and non-keys', () => {
    expect(() => split(key(0), -1)).toThrow('split: n=-1 must be an integer in [0, 2147483647]');
    expect(() => split(key(0), 1.5)).toThrow(RangeError);
    expect(() => split([0, 0] as unknown as Key)).toThrow(
      'split: key must be a Key (from key(), split() or foldIn()), got 0,0',
    );
  });
});

describe('foldIn', () => {
  it('is the block function on the counter (0, data)', () => {
    fc.assert(
      fc.property(keyArb, seedArb, (k, data) => {
        expect(keyData(foldIn(k, data))).toEqual(threefry2x32(keyData(k), [0, data]));
      }),
    );
  });

  it('gives different keys for different data', () => {
    // Guaranteed, not just likely: under a fixed key the block function is a bijection.
    fc.assert(
      fc.property(keyArb, seedArb, seedArb, (k, a, b) => {
        fc.pre(a !== b);
        expect(id(foldIn(k, a))).not.toBe(id(foldIn(k, b)));
      }),
    );
  });

  it('is deterministic', () => {
    expect(foldIn(key(3), 9)).toEqual(foldIn(key(3), 9));
  });

  it('rejects data outside uint32', () => {
    expect(() => foldIn(key(0), -1)).toThrow(
      'foldIn: data=-1 must be an integer in [0, 4294967295]',
    );
    expect(() => foldIn(key(0), 2 ** 32)).toThrow(RangeError);
  });
});

describe('bits', () => {
  it('hashes the counts 0..count-1 in JAX’s half-and-half layout', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 50 }), (k, m) => {
        const b = bits(k, 2 * m);
        for (let i = 0; i < m; i++) {
          expect([b[i], b[m + i]]).toEqual(threefry2x32(keyData(k), [i, m + i]));
        }
      }),
    );
  });

  it('is deterministic and differs between split keys', () => {
    const [a, b] = split(key(0)) as [Key, Key];
    expect(bits(a, 8)).toEqual(bits(a, 8));
    expect(bits(a, 8)).not.toEqual(bits(b, 8));
  });

  it('has about half of its bits set', () => {
    // 32 * 10^4 fair bits: mean 16 per word with standard error 2 / sqrt(10^4) = 0.02.
    const words = bits(key(11), 10_000);
    let ones = 0;
    for (const w of words) {
      for (let v = w; v !== 0; v >>>= 1) ones += v & 1;
    }
    expect(Math.abs(ones / words.length - 16)).toBeLessThan(5 * 0.02);
  });

  it('rejects bad counts', () => {
    expect(bits(key(0), 0)).toEqual(new Uint32Array(0));
    expect(() => bits(key(0), -2)).toThrow('bits: count=-2 must be an integer in [0, 2147483647]');
  });
});
