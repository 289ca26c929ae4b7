// LeCun's stochastic diagonal Levenberg-Marquardt: how the curvature estimate is fed, kept,
// blended, masked and checked.
import { ShapeError } from '@tessera/tensor';
import { TreeMismatchError } from '@tessera/tree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adam,
  applyUpdates,
  chain,
  lecun1998Schedule,
  masked,
  scaleBySdlm,
  sdlm,
  type TensorTree,
} from '../src/index.js';
import { expectClose, f64, flatNumbers, values } from './helpers.js';

const params: TensorTree = { b: f64(0), w: f64([1, -1]) };
const grads: TensorTree = { b: f64(0.5), w: f64([2, -4]) };
const curvature: TensorTree = { b: f64(1), w: f64([0.98, 9.98]) };

describe('sdlm', () => {
  it('steps eta / (mu + h) per parameter, keeping h between estimates', () => {
    const optimizer = sdlm(0.1, { damping: 0.02 });
    const [u1, s1] = optimizer.update(grads, optimizer.init(params), params, { curvature });
    expectClose(flatNumbers(u1), [-0.05 / 1.02, -0.2, 0.04]);
    const [u2, s2] = optimizer.update(grads, s1, params);
    expectClose(flatNumbers(u2), flatNumbers(u1));
    expect(values(s2[0].curvature)).toEqual(values(curvature));
  });

  it('takes steps of eta / mu before the first estimate', () => {
    const optimizer = sdlm(0.1, { damping: 0.5 });
    const [u] = optimizer.update(grads, optimizer.init(params));
    expectClose(flatNumbers(u), [-0.1, -0.4, 0.8]);
  });

  it('averages the first 1 / gamma estimates equally, then exponentially with weight gamma', () => {
    const t = scaleBySdlm({ curvatureWeight: 0.25 });
    let state = t.init(params);
    for (const e of [1, 2, 3, 4, 10]) {
      [, state] = t.update(grads, state, params, { curvature: { b: f64(e), w: f64([e, 2 * e]) } });
    }
    // Weights 1, 1/2, 1/3, 1/4 give the mean 2.5; then max(0.25, 1/5) = 0.25: 0.75 * 2.5 + 2.5.
    expectClose(flatNumbers(state.curvature), [4.375, 4.375, 8.75]);
    expect(state.estimates).toBe(5);
  });

  it('is not biased towards the zeros of init: constant estimates give that constant', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (gamma, n) => {
          const t = scaleBySdlm({ curvatureWeight: gamma });
          let state = t.init(params);
          for (let i = 0; i < n; i++) [, state] = t.update(grads, state, params, { curvature });
          expectClose(flatNumbers(state.curvature), flatNumbers(curvature));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("follows the paper's protocol: one estimate per pass, the rate from lecun1998Schedule", () => {
    // Least squares y = x . w on four samples, one sample per update (as LeNet-5 was trained).
    // Loss per sample (x . w - y)^2, whose Gauss-Newton diagonal is 2 x_k^2; the "training
    // loop" averages it over the samples before each pass, as diagGaussNewton would.
    const xs = [
      [1, 0.5],
      [0.2, 1],
      [-1, 0.3],
      [0.5, -0.5],
    ];
    const wStar = [2, -3];
    const ys = xs.map(([a, b]) => a! * wStar[0]! + b! * wStar[1]!);
    const gradient = (w: number[], k: number): TensorTree => {
      const x = xs[k]!;
      const r = x[0]! * w[0]! + x[1]! * w[1]! - ys[k]!;
      return { w: f64([2 * r * x[0]!, 2 * r * x[1]!]) };
    };
    const diagGaussNewton = (): TensorTree => ({
      w: f64([0, 1].map((j) => xs.reduce((s, x) => s + 2 * x[j]! ** 2, 0) / xs.length)),
    });
    // The paper's rates are for 60,000 samples per pass; scaled up here for a toy problem.
    const paperRate = lecun1998Schedule(xs.length);
    const optimizer = sdlm((count) => 1000 * paperRate(count), { damping: 0.02 });
    let p: TensorTree = { w: f64([0, 0]) };
    let state = optimizer.init(p);
    for (let pass = 0; pass < 20; pass++) {
      const estimate = diagGaussNewton();
      xs.forEach((_, k) => {
        const [updates, next] = optimizer.update(
          gradient(flatNumbers(p), k),
          state,
          p,
          k === 0 ? { curvature: estimate } : {},
        );
        p = applyUpdates(p, updates);
        state = next;
      });
    }
    expectClose(flatNumbers(p), wStar, 1e-3);
  });
});

describe('the curvature estimate', () => {
  const t = sdlm(0.1);

  it('must have the structure of the parameters', () => {
    expect(() =>
      t.update(grads, t.init(params), params, { curvature: { w: f64([1, 1]) } }),
    ).toThrow(TreeMismatchError);
    expect(() =>
      t.update(grads, t.init(params), params, { curvature: { w: f64([1, 1]) } }),
    ).toThrow(/^scaleBySdlm \(state.curvature vs extra.curvature\)/);
  });

  it('must have the shape of each parameter', () => {
    expect(() =>
      t.update(grads, t.init(params), params, { curvature: { b: f64(1), w: f64(1) } }),
    ).toThrow(
      new ShapeError(
        'scaleBySdlm: extra.curvature.w has shape [], but state.curvature.w has shape [2]',
      ),
    );
  });

  it('must be finite and non-negative', () => {
    expect(() =>
      t.update(grads, t.init(params), params, { curvature: { b: f64(1), w: f64([1, -0.5]) } }),
    ).toThrow(
      'scaleBySdlm: extra.curvature.w[1] is -0.5; a diagonal Gauss-Newton estimate is finite and never negative',
    );
    expect(() =>
      t.update(grads, t.init(params), params, {
        curvature: { b: f64(Number.NaN), w: f64([1, 1]) },
      }),
    ).toThrow('scaleBySdlm: extra.curvature.b is NaN');
  });

  it('is masked with the gradients, and ignored by other transformations', () => {
    const mixed = chain(
      masked(sdlm(0.1, { damping: 0 }), { b: false, w: true }),
      masked(adam(0.1), { b: true, w: false }),
    );
    const state = mixed.init(params);
    const [u, next] = mixed.update(grads, state, params, { curvature });
    expectClose(flatNumbers(u), [-0.1, -0.2 / 0.98, 0.4 / 9.98], 1e-7);
    expect(values(next[0][0].curvature)).toEqual({ b: null, w: [0.98, 9.98] });
  });
});
