import { grad } from '@tessera/autodiff';
import { key } from '@tessera/random';
import { full, ones, sum, type Tensor, tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import {
  constant,
  conv2d,
  countParams,
  dense,
  expandTable,
  flatten,
  type Layer,
  LENET5_C3_TABLE,
  LecunTanh,
  mapLoss,
  rbf,
  type Shape,
  serial,
  subsample2d,
} from '../src/index.js';
import { expectClose } from './helpers.js';

/** LeNet-5 as in the README: LeCun et al. 1998, Section II-B. */
const lenet5 = () =>
  serial({
    c1: conv2d(6, 5),
    a1: LecunTanh,
    s2: subsample2d(2),
    a2: LecunTanh,
    c3: conv2d(16, 5, { table: LENET5_C3_TABLE }),
    a3: LecunTanh,
    s4: subsample2d(2),
    a4: LecunTanh,
    c5: conv2d(120, 5),
    a5: LecunTanh,
    flat: flatten(),
    f6: dense(84),
    a6: LecunTanh,
    out: rbf(),
  });

describe("LeNet-5's layers (LeCun et al. 1998, Section II-B)", () => {
  const layers: [string, Layer, Shape, Shape, number][] = [
    ['C1', conv2d(6, 5), [1, 32, 32], [6, 28, 28], 156],
    ['S2', subsample2d(2), [6, 28, 28], [6, 14, 14], 12],
    ['C3', conv2d(16, 5, { table: LENET5_C3_TABLE }), [6, 14, 14], [16, 10, 10], 1516],
    ['S4', subsample2d(2), [16, 10, 10], [16, 5, 5], 32],
    ['C5', conv2d(120, 5), [16, 5, 5], [120, 1, 1], 48120],
    ['F6', dense(84), [120], [84], 10164],
    ['output (RBF, fixed prototypes)', rbf(), [84], [10], 0],
  ];

  it.each(layers)(
    '%s has the shapes and the trainable parameter count of the paper',
    (_name, layer, inShape, outShape, count) => {
      const [shape, params] = layer.init(key(0), inShape);
      expect(shape).toEqual(outShape);
      expect(countParams(params)).toBe(count);
    },
  );

  it('has 60,000 trainable parameters in all, maps 32x32 to 10 outputs, and trains', () => {
    const net = lenet5();
    const [shape, params] = net.init(key(0), [1, 32, 32]);
    expect(shape).toEqual([10]);
    expect(countParams(params)).toBe(60000);
    expect(Object.keys(params)).toEqual([
      'c1',
      'a1',
      's2',
      'a2',
      'c3',
      'a3',
      's4',
      'a4',
      'c5',
      'a5',
      'flat',
      'f6',
      'a6',
      'out',
    ]);
    expect(params.c1.w.shape).toEqual([6, 1, 5, 5]);
    expect(params.c3.w.shape).toEqual([60, 5, 5]);
    const x = full([2, 1, 32, 32], -0.1);
    const y = net.apply(params, x);
    expect(y.shape).toEqual([2, 10]);
    const labels = tensor([3, 7], { dtype: 'int32' });
    const g = grad((p: typeof params) => mapLoss(net.apply(p, x), labels))(params);
    expect(countParams(g)).toBe(60000);
    expect(g.c3.w.shape).toEqual([60, 5, 5]);
  });

  it('builds in float64 with { dtype: "float64" } and applies to float64 inputs', () => {
    const dtype = 'float64' as const;
    const net = serial({
      c1: conv2d(6, 5, { dtype }),
      a1: LecunTanh,
      s2: subsample2d(2, { dtype }),
      c3: conv2d(16, 5, { table: LENET5_C3_TABLE, dtype }),
      s4: subsample2d(2, { dtype }),
      c5: conv2d(120, 5, { dtype }),
      flat: flatten(),
      f6: dense(84, { dtype }),
      out: rbf(),
    });
    const [, params] = net.init(key(0), [1, 32, 32]);
    expect(params.c3.w.dtype).toBe('float64');
    expect(params.s2.bias.dtype).toBe('float64');
    const y = net.apply(params, full([1, 1, 32, 32], 1, { dtype }));
    expect(y.dtype).toBe('float64');
    expect(y.shape).toEqual([1, 10]);
  });

  it('initialises deterministically from its key, and differently from another key', () => {
    const [, a] = lenet5().init(key(7), [1, 32, 32]);
    const [, b] = lenet5().init(key(7), [1, 32, 32]);
    const [, c] = lenet5().init(key(8), [1, 32, 32]);
    expect(a.c5.w.data()).toEqual(b.c5.w.data());
    expect(a.c5.w.data()).not.toEqual(c.c5.w.data());
    // different layers get different keys
    expect(a.c1.w.data().slice(0, 6)).not.toEqual(a.c5.w.data().slice(0, 6));
  });

  it("draws weights in the paper's range U(-2.4/F, 2.4/F), F the unit's fan-in", () => {
    const [, p] = lenet5().init(key(1), [1, 32, 32]);
    const maxAbs = (t: Tensor) => Math.max(...Array.from(t.data(), Math.abs));
    expect(maxAbs(p.c1.w)).toBeLessThan(2.4 / 25);
    expect(maxAbs(p.c5.w)).toBeLessThan(2.4 / 400);
    expect(maxAbs(p.f6.w)).toBeLessThan(2.4 / 120);
    expect(maxAbs(p.c5.w)).toBeGreaterThan(0.9 * (2.4 / 400));
    // C3: map 0 sees 3 maps (F = 75), map 15 all 6 (F = 150)
    const w = p.c3.w.toArray() as number[][][];
    const firstMap = w.slice(0, 3).flat(2).map(Math.abs);
    const lastMap = w.slice(-6).flat(2).map(Math.abs);
    expect(Math.max(...firstMap)).toBeLessThan(2.4 / 75);
    expect(Math.max(...firstMap)).toBeGreaterThan(2.4 / 150);
    expect(Math.max(...lastMap)).toBeLessThan(2.4 / 150);
  });
});

describe('LENET5_C3_TABLE (Table I)', () => {
  it('has 16 rows of 6, with 3, 4, 4 and 6 connections in its four groups: 60 in all', () => {
    expect(LENET5_C3_TABLE).toHaveLength(16);
    const counts = LENET5_C3_TABLE.map((row) => row.filter(Boolean).length);
    expect(counts).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6]);
    // each S2 map feeds 10 C3 maps (the rows of the paper's table each have 10 X's)
    for (let c = 0; c < 6; c++) {
      expect(LENET5_C3_TABLE.filter((row) => row[c]).length).toBe(10);
    }
  });

  it('worked by hand: with input map c constant 2^c and unit filters, map o reads its row as a binary number', () => {
    // One 5x5 window per map, so C3 map o = 25 * sum over connected c of 2^c.
    const x = tensor([
      [0, 1, 2, 3, 4, 5].map((c) => Array.from({ length: 5 }, () => Array(5).fill(2 ** c))),
    ]);
    const c3 = conv2d(16, 5, { table: LENET5_C3_TABLE, init: constant(1) });
    const [shape, params] = c3.init(key(0), [6, 5, 5]);
    expect(shape).toEqual([16, 1, 1]);
    const y = Array.from(c3.apply(params, x).data());
    // Table I, column by column: map 0 sees S2 maps 0, 1, 2 -> 1 + 2 + 4 = 7; map 4 sees
    // 0, 4, 5 -> 1 + 16 + 32 = 49; map 15 sees all -> 63.
    const bits = [7, 14, 28, 56, 49, 35, 15, 30, 60, 57, 51, 39, 27, 54, 45, 63];
    expect(y).toEqual(bits.map((b) => 25 * b));
  });

  it('expandTable puts each compact filter where the table is true, zeros elsewhere', () => {
    const table = [
      [true, false],
      [true, true],
    ];
    const w = tensor([[[1]], [[2]], [[3]]]); // three connections, 1x1 filters
    expect(expandTable(w, table).toArray()).toEqual([
      [[[1]], [[0]]],
      [[[2]], [[3]]],
    ]);
    const filters = expandTable(ones([60, 5, 5]), LENET5_C3_TABLE).toArray() as number[][][][];
    filters.forEach((row, o) => {
      row.forEach((f, c) => {
        expect(f[2]![2]).toBe(LENET5_C3_TABLE[o]![c] ? 1 : 0);
      });
    });
  });

  it('gives unconnected weights no gradient, because they are not parameters', () => {
    const c3 = conv2d(16, 5, { table: LENET5_C3_TABLE });
    const [, p] = c3.init(key(0), [6, 5, 5]);
    const x = ones([1, 6, 5, 5]);
    const g = grad((q: typeof p) => sum(c3.apply(q, x)))(p);
    // d/dw of the sum of outputs is the input window: all ones, for all 60 connections.
    expectClose(g.w.data(), Array(60 * 25).fill(1));
  });
});

describe('subsample2d, worked by hand', () => {
  it('sums each 2x2 block, multiplies by its map coefficient and adds its map bias', () => {
    const x = tensor([
      [
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
          [9, 10, 11, 12],
          [13, 14, 15, 16],
        ],
        [
          [1, 1, 1, 1],
          [1, 1, 1, 1],
          [1, 1, 1, 1],
          [1, 1, 1, 1],
        ],
      ],
    ]);
    const params = { coeff: tensor([2, -1]), bias: tensor([0.5, 1]) };
    const y = subsample2d(2).apply(params, x);
    // map 0: block sums 1+2+5+6 = 14, 3+4+7+8 = 22, 9+10+13+14 = 46, 11+12+15+16 = 54,
    // times 2 plus 0.5; map 1: block sums 4, times -1 plus 1.
    expect(y.toArray()).toEqual([
      [
        [
          [28.5, 44.5],
          [92.5, 108.5],
        ],
        [
          [-3, -3],
          [-3, -3],
        ],
      ],
    ]);
  });
});
