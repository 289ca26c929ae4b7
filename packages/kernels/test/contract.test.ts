import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backend, NdArray } from '../src/index.js';
import { reference, sizeOf } from '../src/index.js';
import { double, nd } from './helpers.js';

type Kernel = Exclude<keyof Backend, 'name'>;

interface Call {
  /** Every buffer the call reads. */
  readonly inputs: readonly NdArray[];
  readonly run: () => NdArray;
}

/** One call of every kernel on buffers built from 18 values `v`, in `dtype`. */
function calls(
  dtype: 'float32' | 'float64',
  v: readonly number[],
): { readonly [K in Kernel]: Call } {
  const x = nd(dtype, [1, 2, 3, 3], v);
  const t = nd(
    dtype,
    [1, 2, 3, 3],
    v.map((a) => a * 2 - 1),
  );
  const w = nd(dtype, [2, 2, 2, 2], v.slice(0, 16));
  const m = nd(dtype, [2, 3, 3], v);
  const u = nd(dtype, [1, 2, 2, 3], v.slice(0, 12));
  const dyPool = nd(dtype, [1, 2, 2, 2], v.slice(0, 8));
  const idx = nd('int32', [2], [2, 0]);
  const cond = nd(
    'bool',
    [1, 2, 3, 3],
    v.map((a) => (a > 0 ? 1 : 0)),
  );
  const conv = {
    strides: [2, 1],
    padding: [
      [1, 0],
      [0, 1],
    ],
  } as const;
  const pool = { window: [2, 2], strides: [1, 1] } as const;
  const r = reference;
  const other = dtype === 'float32' ? 'float64' : 'float32';
  return {
    unary: { inputs: [x], run: () => r.unary('tanh', x) },
    binary: { inputs: [x, t], run: () => r.binary('mul', x, t) },
    compare: { inputs: [x, t], run: () => r.compare('lt', x, t) },
    where: { inputs: [cond, x, t], run: () => r.where(cond, x, t) },
    cast: { inputs: [x], run: () => r.cast(x, other) },
    reduce: { inputs: [x], run: () => r.reduce('sum', x, { axes: [1, 3] }) },
    argmax: { inputs: [x], run: () => r.argmax(x, { axis: 2 }) },
    transpose: { inputs: [x], run: () => r.transpose(x, { perm: [3, 1, 0, 2] }) },
    broadcast: { inputs: [x], run: () => r.broadcast(x, { shape: [2, 2, 3, 3] }) },
    slice: {
      inputs: [x],
      run: () => r.slice(x, { begin: [0, 1, 0, 1], end: [1, 2, 3, 3], strides: [1, 1, 2, 1] }),
    },
    pad: { inputs: [x], run: () => r.pad(x, { low: [0, 1, 0, 2], high: [1, 0, 1, 0], value: 3 }) },
    concat: { inputs: [x, t], run: () => r.concat([x, t, x], { axis: 2 }) },
    gather: { inputs: [x, idx], run: () => r.gather(x, idx, { axis: 3 }) },
    scatterAdd: {
      inputs: [idx, u],
      run: () => r.scatterAdd(idx, u, { axis: 2, shape: [1, 2, 3, 3] }),
    },
    matmul: { inputs: [m], run: () => r.matmul(m, m, { transposeA: true, transposeB: false }) },
    conv2d: { inputs: [x, w], run: () => r.conv2d(x, w, conv) },
    conv2dBackwardInput: {
      inputs: [u, w],
      run: () => r.conv2dBackwardInput(u, w, { ...conv, inputShape: x.shape }),
    },
    conv2dBackwardFilter: {
      inputs: [x, u],
      run: () => r.conv2dBackwardFilter(x, u, { ...conv, filterShape: w.shape }),
    },
    sumPool2d: { inputs: [x], run: () => r.sumPool2d(x, pool) },
    sumPool2dBackward: {
      inputs: [dyPool],
      run: () => r.sumPool2dBackward(dyPool, { ...pool, inputShape: x.shape }),
    },
    maxPool2d: { inputs: [x], run: () => r.maxPool2d(x, pool) },
    maxPool2dGather: { inputs: [x, t], run: () => r.maxPool2dGather(x, t, pool) },
    maxPool2dScatter: { inputs: [x, dyPool], run: () => r.maxPool2dScatter(x, dyPool, pool) },
  };
}

const floating = fc.constantFrom('float32' as const, 'float64' as const);
const eighteen = fc.array(double, { minLength: 18, maxLength: 18 });

describe('the reference backend contract', () => {
  it('is named and implements every kernel', () => {
    expect(reference.name).toBe('reference');
    for (const key of Object.keys(calls('float64', new Array<number>(18).fill(0)))) {
      expect(typeof reference[key as Kernel], key).toBe('function');
    }
  });

  it('never modifies its inputs and returns fresh buffers of the right size', () => {
    fc.assert(
      fc.property(floating, eighteen, (dtype, v) => {
        for (const [name, call] of Object.entries(calls(dtype, v))) {
          const before = call.inputs.map((x) => ({ shape: [...x.shape], data: x.data.slice() }));
          const out = call.run();
          call.inputs.forEach((x, i) => {
            expect(x.shape, name).toEqual(before[i]!.shape);
            expect(x.data, name).toEqual(before[i]!.data);
            expect(out.data.buffer, name).not.toBe(x.data.buffer);
          });
          expect(out.data.length, name).toBe(sizeOf(out.shape));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('results have the dtype of their values', () => {
    fc.assert(
      fc.property(floating, eighteen, (dtype, v) => {
        for (const [name, call] of Object.entries(calls(dtype, v))) {
          const out = call.run();
          const expected =
            name === 'compare'
              ? 'bool'
              : name === 'argmax'
                ? 'int32'
                : name === 'cast'
                  ? dtype === 'float32'
                    ? 'float64'
                    : 'float32'
                  : dtype;
          expect(out.dtype, name).toBe(expected);
          expect(out.data.constructor.name, name).toBe(
            {
              float32: 'Float32Array',
              float64: 'Float64Array',
              int32: 'Int32Array',
              bool: 'Uint8Array',
            }[expected],
          );
        }
      }),
      { numRuns: 5 },
    );
  });
});
