import { foldIn, type Key, key } from '@tessera/random';
import { arange, ConcreteTensor, type Tensor, tensor, zeros } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Dataset, fromArray, fromTensors } from '../src/index.js';

/** A dataset of n rows: x[i] = [i, i + 0.5] (float32 [n, 2]), y[i] = i (int32 [n]). */
function rows(n: number): Dataset<{ x: Tensor; y: Tensor }> {
  const x = Float32Array.from({ length: 2 * n }, (_, j) => (j >> 1) + (j % 2) * 0.5);
  return fromTensors({ x: tensor(x, { shape: [n, 2] }), y: arange(0, n, 1, { dtype: 'int32' }) });
}

/** The buffer a tensor's values live in (to see what was copied). */
function storage(x: Tensor): ArrayBufferLike {
  if (!(x instanceof ConcreteTensor)) throw new TypeError('expected values');
  return x.buffer.data.buffer;
}

/** The `y` values of a batched epoch, in order. */
function ids(batches: Iterable<{ y: Tensor }>): number[] {
  return [...batches].flatMap((b) => [...b.y.data()]);
}

const keyArb = fc.nat({ max: 2 ** 31 }).map((s) => key(s));
const sizeArb = fc.integer({ min: 0, max: 40 });

describe('sources', () => {
  it('fromTensors: element i is row i of every tensor', () => {
    const ds = rows(3);
    expect(ds.size).toBe(3);
    const e = ds.at(2);
    expect(e.x.shape).toEqual([2]);
    expect(e.x.toArray()).toEqual([2, 2.5]);
    expect(e.y.shape).toEqual([]);
    expect(e.y.item()).toBe(2);
  });

  it('fromTensors rejects trees without rows or with different row counts', () => {
    expect(() => fromTensors({ a: zeros([2]), b: zeros([3]) })).toThrow(/3 rows|2 rows/);
    expect(() => fromTensors(tensor(1))).toThrow(/scalar/);
    expect(() => fromTensors({} as Record<string, Tensor>)).toThrow(/no tensors/);
  });

  it('fromArray copies its items and iterates without a key', () => {
    const items = [1, 2, 3];
    const ds = fromArray(items);
    items.push(4);
    expect([...ds]).toEqual([1, 2, 3]);
    expect(ds.map((v) => v * 10).toArray()).toEqual([10, 20, 30]);
  });
});

describe('shuffle', () => {
  it('is a permutation, and the same key gives the same order', () => {
    fc.assert(
      fc.property(sizeArb, keyArb, (n, k) => {
        const ds = fromArray(Array.from({ length: n }, (_, i) => i)).shuffle();
        const order = ds.toArray(k);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(ds.toArray(k)).toEqual(order);
      }),
      { numRuns: 50 },
    );
  });

  it('different epoch keys give different orders; a fixed key gives one order', () => {
    const ds = fromArray(Array.from({ length: 50 }, (_, i) => i));
    const fresh = ds.shuffle();
    expect(fresh.toArray(key(1))).not.toEqual(fresh.toArray(key(2)));
    const fixed = ds.shuffle(key(9));
    expect(fixed.toArray(key(1))).toEqual(fixed.toArray(key(2)));
    expect(fixed.toArray()).toEqual(fixed.toArray(key(3)));
  });

  it('nested shuffles draw independent permutations', () => {
    const ds = fromArray(Array.from({ length: 30 }, (_, i) => i));
    const once = ds.shuffle().toArray(key(5));
    const twice = ds.shuffle().shuffle().toArray(key(5));
    expect(twice).not.toEqual(once);
    expect([...twice].sort((a, b) => a - b)).toEqual(ds.toArray());
  });

  it('needs a key when it draws per epoch, and says so', () => {
    expect(() => fromArray([1, 2]).shuffle().toArray()).toThrow(
      /Dataset\.shuffle draws random numbers each epoch/,
    );
  });
});

describe('batch', () => {
  it('covers a shuffled set exactly once; shapes have a leading batch axis', () => {
    fc.assert(
      fc.property(sizeArb, fc.integer({ min: 1, max: 12 }), keyArb, (n, b, k) => {
        const batches = rows(n).shuffle().batch(b);
        expect(batches.size).toBe(Math.ceil(n / b));
        const seen = ids(batches.iterate(k));
        expect([...seen].sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
        const all = batches.toArray(k);
        all.forEach((batch, j) => {
          const rowsIn = j < all.length - 1 ? b : n - b * (all.length - 1);
          expect(batch.x.shape).toEqual([rowsIn, 2]);
          expect(batch.y.shape).toEqual([rowsIn]);
          const x = batch.x.data();
          const y = batch.y.data();
          for (let r = 0; r < rowsIn; r++)
            expect([x[2 * r], x[2 * r + 1]]).toEqual([y[r], y[r]! + 0.5]);
        });
        expect(ids(batches.iterate(k))).toEqual(seen);
      }),
      { numRuns: 60 },
    );
  });

  it('dropRemainder leaves out the short final batch', () => {
    fc.assert(
      fc.property(sizeArb, fc.integer({ min: 1, max: 12 }), (n, b) => {
        const batches = rows(n).batch(b, { dropRemainder: true });
        expect(batches.size).toBe(Math.floor(n / b));
        const seen = ids(batches);
        expect(seen).toEqual(Array.from({ length: Math.floor(n / b) * b }, (_, i) => i));
        for (const batch of batches) expect(batch.y.shape).toEqual([b]);
      }),
    );
  });

  it('gathers rows without building elements: the source is never copied whole', () => {
    const source = rows(1000);
    const first = source.shuffle().batch(10).at(0, key(0));
    expect(first.x.shape).toEqual([10, 2]);
    // Elements share the source's buffer; a batch owns a buffer of exactly its rows.
    expect(storage(source.at(5).x)).toBe(storage(source.at(6).x));
    expect(storage(first.x).byteLength).toBe(10 * 2 * 4);
  });

  it('stacks elements that do not come from rows (after map), and batches of batches', () => {
    const ds = rows(5).map(({ x, y }) => ({
      x,
      y,
      twice: tensor([y.item() * 2], { dtype: 'int32' }),
    }));
    const [b0, b1] = ds.batch(3).toArray();
    expect(b0!.twice.toArray()).toEqual([[0], [2], [4]]);
    expect(b1!.x.shape).toEqual([2, 2]);
    const nested = rows(8).batch(2).batch(2).toArray();
    expect(nested[0]!.y.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('rejects elements that are not tensor trees, with the path', () => {
    const ds = fromArray([{ a: 1 }, { a: 2 }]) as unknown as Dataset<{ a: Tensor }>;
    expect(() => ds.batch(2).toArray()).toThrow(/element\.a must be a tensor/);
    expect(() => rows(3).batch(0)).toThrow(/positive integer/);
  });
});

describe('take, skip, split, concat, repeat, zip', () => {
  const numbers = (n: number) => fromArray(Array.from({ length: n }, (_, i) => i));

  it('take and skip slice, clipping to the size', () => {
    expect(numbers(5).take(2).toArray()).toEqual([0, 1]);
    expect(numbers(5).skip(3).toArray()).toEqual([3, 4]);
    expect(numbers(5).take(9).size).toBe(5);
    expect(numbers(5).skip(9).size).toBe(0);
    expect(() => numbers(5).take(-1)).toThrow(RangeError);
  });

  it('split partitions by counts and fractions, the rest last', () => {
    fc.assert(
      fc.property(sizeArb, fc.nat(), fc.nat(), (n, a, b) => {
        const ca = n === 0 ? 0 : a % (n + 1);
        const cb = n - ca === 0 ? 0 : b % (n - ca + 1);
        const pieces = numbers(n).split(ca, cb);
        expect(pieces.map((p) => p.size)).toEqual([ca, cb, n - ca - cb]);
        expect(pieces.flatMap((p) => p.toArray())).toEqual(numbers(n).toArray());
      }),
    );
    expect(
      numbers(10)
        .split(0.8)
        .map((p) => p.size),
    ).toEqual([8, 2]);
    expect(() => numbers(3).split(2, 2)).toThrow(/add up to 4 > 3/);
    expect(() => numbers(3).split(1.5)).toThrow(/neither a count nor a fraction/);
  });

  it('a fixed shuffle then split is the same partition every epoch', () => {
    const [train, validation] = numbers(20).shuffle(key(3)).split(15);
    expect(train!.toArray(key(1))).toEqual(train!.toArray(key(2)));
    expect([...train!.toArray(), ...validation!.toArray()].sort((a, b) => a - b)).toEqual(
      numbers(20).toArray(),
    );
  });

  it('concat and repeat: each part and each repetition has its own order', () => {
    expect(numbers(2).concat(numbers(3)).toArray()).toEqual([0, 1, 0, 1, 2]);
    expect(numbers(3).repeat(2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(numbers(3).repeat(0).size).toBe(0);
    const shuffled = numbers(20).shuffle();
    const twice = shuffled.repeat(2).toArray(key(4));
    expect(twice.slice(0, 20)).not.toEqual(twice.slice(20));
    expect([...twice.slice(20)].sort((a, b) => a - b)).toEqual(numbers(20).toArray());
    const both = shuffled.concat(shuffled).toArray(key(4));
    expect(both.slice(0, 20)).not.toEqual(both.slice(20));
  });

  it('batches that span parts gather from each, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        keyArb,
        (n, m, b, k) => {
          const joined = rows(n).concat(rows(m)).repeat(2).shuffle();
          const batched = ids(joined.batch(b).iterate(k));
          const elements = joined.toArray(k).map((e) => e.y.item());
          expect(batched).toEqual(elements);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('zip pairs elements, as long as the shorter, and batches both sides', () => {
    expect(
      numbers(3)
        .zip(fromArray(['a', 'b']))
        .toArray(),
    ).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    const [xs, ys] = rows(4).zip(rows(6).skip(2)).batch(4).at(0);
    expect(xs.y.toArray()).toEqual([0, 1, 2, 3]);
    expect(ys.y.toArray()).toEqual([2, 3, 4, 5]);
  });
});

describe('keys', () => {
  it('mapWithKey gives each element its own key, the same for the same epoch key', () => {
    const keyed = fromArray([0, 1, 2]).mapWithKey((x: number, k: Key) => `${x}:${k}`);
    const a = keyed.toArray(key(1));
    expect(new Set(a).size).toBe(3);
    expect(keyed.toArray(key(1))).toEqual(a);
    expect(keyed.toArray(foldIn(key(1), 1))).not.toEqual(a);
    expect(() => keyed.toArray()).toThrow(/mapWithKey/);
  });

  it('pipelines are values: methods leave their receiver unchanged', () => {
    const ds = fromArray([1, 2, 3]);
    ds.shuffle(key(0))
      .take(1)
      .map((x) => x + 1);
    expect(ds.toArray()).toEqual([1, 2, 3]);
    expect(Object.isFrozen(ds)).toBe(true);
    expect(() => ds.at(3)).toThrow(/outside \[0, 3\)/);
  });
});
