import { key, split } from '@tessera/random';
import { ones } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import { dense, dropout, LayerError, serial } from '../src/index.js';
import { randn } from './helpers.js';

describe('dropout', () => {
  const x = randn(0, [4, 50]);

  it('is the identity when not training, with or without a key', () => {
    const layer = dropout(0.5);
    expect(layer.apply(null, x)).toBe(x);
    expect(layer.apply(null, x, { key: key(1) })).toBe(x);
    expect(layer.apply(null, x, { key: key(1), train: false })).toBe(x);
  });

  it('is the identity at rate 0, even when training', () => {
    expect(dropout(0).apply(null, x, { train: true })).toBe(x);
  });

  it('needs a key to train', () => {
    expect(() => dropout(0.5).apply(null, x, { train: true })).toThrow(LayerError);
    expect(() => dropout(0.5).apply(null, x, { train: true })).toThrow(/dropout\(0.5\).*key/);
  });

  it('gives the same mask for the same key and another for another key', () => {
    const layer = dropout(0.5);
    const a = layer.apply(null, x, { train: true, key: key(3) }).data();
    const b = layer.apply(null, x, { train: true, key: key(3) }).data();
    const c = layer.apply(null, x, { train: true, key: key(4) }).data();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('zeroes about `rate` of the elements and scales the others by 1 / (1 - rate)', () => {
    const rate = 0.3;
    const y = dropout(rate)
      .apply(null, ones([100, 100]), { train: true, key: key(5) })
      .data();
    const zeros = y.filter((v) => v === 0).length;
    expect(Math.abs(zeros / y.length - rate)).toBeLessThan(0.02); // 4.4 standard deviations
    for (const v of y) if (v !== 0) expect(v).toBeCloseTo(1 / (1 - rate), 6);
  });

  it('gets an independent key per layer inside serial, split deterministically', () => {
    const net = serial(dropout(0.5), dropout(0.5));
    const [, params] = net.init(key(0), [50]);
    const ctx = { train: true, key: key(9) };
    const y = net.apply(params, ones([1, 50]), ctx).data();
    expect(net.apply(params, ones([1, 50]), ctx).data()).toEqual(y);
    // the same as applying each with the keys split(key(9), 2)
    const [k0, k1] = split(key(9), 2);
    const once = dropout(0.5).apply(null, ones([1, 50]), { train: true, key: k0! });
    const twice = dropout(0.5).apply(null, once, { train: true, key: k1! });
    expect(twice.data()).toEqual(y);
    // values are 0 or 4 (two rounds of 1 / 0.5)
    for (const v of y) expect([0, 4]).toContain(v);
  });

  it('passes train on through serial, so evaluation is deterministic', () => {
    const net = serial(dense(5), dropout(0.5));
    const [, params] = net.init(key(0), [3]);
    const input = randn(1, [2, 3], 'float32');
    expect(net.apply(params, input, { key: key(1) }).data()).toEqual(
      net.apply(params, input, { key: key(2), train: false }).data(),
    );
  });
});
