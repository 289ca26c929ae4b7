import { key, split } from '@tessera/random';
import { add, tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  dense,
  fanInConcat,
  fanInSum,
  fanOut,
  flatten,
  identity,
  LayerConfigError,
  parallel,
  Relu,
  reshape,
  residual,
  serial,
  shapeDependent,
  Tanh,
} from '../src/index.js';
import { randn } from './helpers.js';

describe('serial', () => {
  it('gives array parameters for layers, one per layer, from split keys', () => {
    const net = serial(dense(3), Tanh, dense(2));
    const [shape, params] = net.init(key(0), [4]);
    expect(shape).toEqual([2]);
    expect(params).toHaveLength(3);
    expect(params[1]).toBeNull();
    const [k0, , k2] = split(key(0), 3);
    expect(params[0].w.data()).toEqual(dense(3).init(k0!, [4])[1].w.data());
    expect(params[2].w.data()).toEqual(dense(2).init(k2!, [3])[1].w.data());
  });

  it('gives named parameters for an object of layers, in property order', () => {
    const net = serial({ hidden: dense(3), act: Tanh, out: dense(2) });
    const [shape, params] = net.init(key(0), [4]);
    expect(shape).toEqual([2]);
    expect(Object.keys(params)).toEqual(['hidden', 'act', 'out']);
    expect(params.hidden.w.shape).toEqual([4, 3]);
    expect(params.out.b?.shape).toEqual([2]);
    expect(params.act).toBeNull();
    // the same computation as the array form with the same keys
    const array = serial(dense(3), Tanh, dense(2));
    const [, p] = array.init(key(0), [4]);
    const x = randn(0, [5, 4], 'float32');
    expect(net.apply(params, x).data()).toEqual(array.apply(p, x).data());
  });

  it('is the identity with no layers', () => {
    const x = randn(0, [2, 3]);
    const [shape, params] = serial().init(key(0), [3]);
    expect(shape).toEqual([3]);
    expect(serial().apply(params, x)).toBe(x);
  });

  it('nests: a model is a layer', () => {
    const block = serial({ fc: dense(4), act: Relu });
    const net = serial({ b1: block, b2: block, out: dense(1) });
    const [shape, params] = net.init(key(0), [3]);
    expect(shape).toEqual([1]);
    expect(params.b2.fc.w.shape).toEqual([4, 4]);
    expect(countParams(params)).toBe(3 * 4 + 4 + 4 * 4 + 4 + 4 + 1);
    // the same block, initialised twice, gets different parameters
    expect(params.b1.fc.w.data().slice(0, 3)).not.toEqual(params.b2.fc.w.data().slice(0, 3));
  });

  it('rejects integer-like names and things that are not layers', () => {
    expect(() => serial({ 0: dense(1), a: Tanh })).toThrow(LayerConfigError);
    expect(() => serial({ a: dense(1), b: 3 } as never)).toThrow(/'b' is not a layer/);
    expect(() => serial(dense(1), {} as never)).toThrow(/argument 1 is not a layer/);
  });
});

describe('parallel, fanOut, fanInSum, fanInConcat, identity', () => {
  it('compute branches, copies, sums and concatenations', () => {
    const x = tensor([[1, 2]]);
    const [outShape] = fanOut(3).init(key(0), [2]);
    expect(outShape).toEqual([[2], [2], [2]]);
    expect(fanOut(3).apply(null, x)).toEqual([x, x, x]);
    expect(fanInSum.apply(null, [x, x, x]).toArray()).toEqual([[3, 6]]);
    expect(
      fanInConcat()
        .apply(null, [x, tensor([[3]])])
        .toArray(),
    ).toEqual([[1, 2, 3]]);
    expect(identity.apply(null, x)).toBe(x);
    const branches = parallel(identity, Tanh);
    const [shapes, params] = branches.init(key(0), [[2], [3]]);
    expect(shapes).toEqual([[2], [3]]);
    expect(params).toEqual([null, null]);
    const [a, b] = branches.apply(params, [x, tensor([[0, 0, 0]])]);
    expect(a).toBe(x);
    expect(b!.toArray()).toEqual([[0, 0, 0]]);
  });

  it('fanInConcat(0) joins channels of maps', () => {
    const [shape] = fanInConcat(0).init(key(0), [
      [6, 4, 4],
      [2, 4, 4],
    ]);
    expect(shape).toEqual([8, 4, 4]);
    const y = fanInConcat(0).apply(null, [randn(0, [2, 6, 4, 4]), randn(1, [2, 2, 4, 4])]);
    expect(y.shape).toEqual([2, 8, 4, 4]);
  });

  it('make a residual block equal to residual()', () => {
    const f = serial(dense(3), Tanh);
    const a = serial(fanOut(2), parallel(f, identity), fanInSum);
    const b = residual(f);
    const [, pa] = a.init(key(0), [3]);
    const [, pb] = b.init(key(0), [3]);
    const x = tensor([[0.5, -1, 2]]);
    const byHand = add(x, f.apply(pb, x));
    expect(b.apply(pb, x).data()).toEqual(byHand.data());
    expect(a.apply([null, [pb, null], null], x).data()).toEqual(byHand.data());
    expect(countParams(pa)).toBe(countParams(pb));
  });
});

describe('shapeDependent', () => {
  it('builds the layer from the input shape at init and apply', () => {
    const project = shapeDependent((shape) =>
      serial(flatten(), dense(shape.length), reshape([shape.length])),
    );
    const [shape, params] = project.init(key(0), [2, 5]);
    expect(shape).toEqual([2]);
    expect(project.apply(params, randn(0, [3, 2, 5], 'float32')).shape).toEqual([3, 2]);
  });
});
