import { key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import {
  constant,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  LayerConfigError,
  lecun1998Uniform,
  lecunNormal,
  lecunUniform,
  varianceScaling,
  zeros,
} from '../src/index.js';

const fanIn = 200;
const fanOut = 50;
const shape = [fanIn, 500]; // 100,000 draws

function stats(t: Tensor): { mean: number; variance: number; maxAbs: number } {
  const d = t.data();
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (const v of d) {
    s += v;
    s2 += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = s / d.length;
  return { mean, variance: s2 / d.length - mean * mean, maxAbs };
}

const cases: [string, Initializer, number, number][] = [
  // name, initialiser, variance, bound (Infinity: none)
  ['lecun1998Uniform', lecun1998Uniform, (2.4 / fanIn) ** 2 / 3, 2.4 / fanIn],
  ['lecunNormal', lecunNormal, 1 / fanIn, (2 * Math.sqrt(1 / fanIn)) / 0.8796256610342398],
  ['lecunUniform', lecunUniform, 1 / fanIn, Math.sqrt(3 / fanIn)],
  [
    'glorotNormal',
    glorotNormal,
    2 / (fanIn + fanOut),
    (2 * Math.sqrt(2 / (fanIn + fanOut))) / 0.8796256610342398,
  ],
  ['glorotUniform', glorotUniform, 2 / (fanIn + fanOut), Math.sqrt(6 / (fanIn + fanOut))],
  ['heNormal', heNormal, 2 / fanIn, (2 * Math.sqrt(2 / fanIn)) / 0.8796256610342398],
  ['heUniform', heUniform, 2 / fanIn, Math.sqrt(6 / fanIn)],
  [
    'varianceScaling(3, fanOut, normal)',
    varianceScaling(3, 'fanOut', 'normal'),
    3 / fanOut,
    Infinity,
  ],
];

describe.each(cases)('%s', (_name, init, variance, bound) => {
  it('has mean 0 and the documented variance on a large draw, inside its bounds', () => {
    const w = init(key(0), shape, fanIn, fanOut);
    expect(w.shape).toEqual(shape);
    expect(w.dtype).toBe('float32');
    const s = stats(w);
    const n = w.size;
    // mean within 5 standard errors; variance within 3 % (its standard error is below 0.5 %)
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(s.variance / variance - 1)).toBeLessThan(0.03);
    expect(s.maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
  });

  it('is a function of its key, and draws float64 on request', () => {
    const a = init(key(1), [10, 10], 10, 10).data();
    expect(init(key(1), [10, 10], 10, 10).data()).toEqual(a);
    expect(init(key(2), [10, 10], 10, 10).data()).not.toEqual(a);
    const d = init(key(1), [3, 4], 10, 10, 'float64');
    expect(d.dtype).toBe('float64');
    expect(d.shape).toEqual([3, 4]);
  });
});

describe('constant and zeros', () => {
  it('fill every element, in the dtype asked for', () => {
    expect(Array.from(zeros(key(0), [2, 2], 1, 1).data())).toEqual([0, 0, 0, 0]);
    const c = constant(0.25)(key(0), [3], 1, 1, 'float64');
    expect(c.dtype).toBe('float64');
    expect(Array.from(c.data())).toEqual([0.25, 0.25, 0.25]);
  });
});

describe('bad configurations', () => {
  it('are named errors', () => {
    expect(() => varianceScaling(0, 'fanIn', 'normal')).toThrow(LayerConfigError);
    expect(() => lecunNormal(key(0), [2], 0, 1)).toThrow(/fanIn must be positive/);
    expect(() => lecun1998Uniform(key(0), [2], 0, 1)).toThrow(LayerConfigError);
    expect(() => constant(Number.NaN)).toThrow(LayerConfigError);
  });
});
