import { checkGrads } from '@tessera/autodiff';
import { key } from '@tessera/random';
import { tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import {
  LecunTanh,
  LogSoftmax,
  lecunTanh,
  logSoftmax,
  Relu,
  relu,
  Sigmoid,
  Softmax,
  sigmoid,
  softmax,
  Tanh,
  tanh,
} from '../src/index.js';
import { expectClose, randn } from './helpers.js';

const f64 = (values: number[]) => tensor(values, { dtype: 'float64' });
const xs = [-3, -1, -0.5, 0, 0.5, 1, 3];

describe('activation functions', () => {
  it('compute their formulas', () => {
    expectClose(
      sigmoid(f64(xs)).data(),
      xs.map((x) => 1 / (1 + Math.exp(-x))),
    );
    expectClose(tanh(f64(xs)).data(), xs.map(Math.tanh));
    expectClose(
      lecunTanh(f64(xs)).data(),
      xs.map((x) => 1.7159 * Math.tanh((2 * x) / 3)),
    );
    expectClose(
      relu(f64(xs)).data(),
      xs.map((x) => Math.max(x, 0)),
    );
    const e = xs.map(Math.exp);
    const total = e.reduce((a, b) => a + b, 0);
    expectClose(
      softmax(f64(xs)).data(),
      e.map((v) => v / total),
    );
    expectClose(
      logSoftmax(f64(xs)).data(),
      xs.map((x) => x - Math.log(total)),
    );
  });

  it("lecunTanh maps ±1 to ±1 (to 4 digits), the paper's reason for A and S", () => {
    const [a, b] = lecunTanh(f64([1, -1])).data();
    expect(a).toBeCloseTo(1, 4);
    expect(b).toBeCloseTo(-1, 4);
  });

  it('softmax and logSoftmax work along the last axis', () => {
    const x = randn(0, [2, 3, 4]);
    const rows = softmax(x).toArray() as number[][][];
    for (const m of rows)
      for (const r of m) expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expectClose(logSoftmax(x).data(), Array.from(softmax(x).data(), Math.log));
  });

  it('pass checkGrads (second order too)', () => {
    for (const f of [sigmoid, tanh, lecunTanh, softmax, logSoftmax]) {
      checkGrads(f, [randn(1, [2, 3])], { order: 2 });
    }
  });
});

describe('activation layers', () => {
  it('are parameterless layers that apply the functions', () => {
    const x = randn(2, [2, 5]);
    const pairs = [
      [Sigmoid, sigmoid],
      [Tanh, tanh],
      [LecunTanh, lecunTanh],
      [Relu, relu],
      [Softmax, softmax],
      [LogSoftmax, logSoftmax],
    ] as const;
    for (const [layer, f] of pairs) {
      const [shape, params] = layer.init(key(0), [5]);
      expect(shape).toEqual([5]);
      expect(params).toBeNull();
      expect(layer.apply(params, x).data()).toEqual(f(x).data());
    }
  });
});
