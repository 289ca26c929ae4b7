// The building blocks on their own: each against its formula, with float64 tensors.
import { tensor } from '@tessera/tensor';
import { map } from '@tessera/tree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adam,
  addDecayedWeights,
  chain,
  checkFinite,
  clip,
  clipByGlobalNorm,
  globalNorm,
  identity,
  masked,
  NonFiniteError,
  scale,
  scaleByAdam,
  scaleByLearningRate,
  scaleBySchedule,
  type TensorTree,
  traceMomentum,
} from '../src/index.js';
import { expectClose, f64, flatNumbers, values } from './helpers.js';

const grads: TensorTree = { a: f64([3, -4]), nested: [f64([[12]]), null] };
// Leaves in tree order: a[0], a[1], nested[0][0][0]; global norm sqrt(9 + 16 + 144) = 13.

describe('scale, scaleByLearningRate and scaleBySchedule', () => {
  it('scale multiplies', () => {
    expect(flatNumbers(scale(-2).update(grads, null)[0])).toEqual([-6, 8, -24]);
  });

  it('scaleByLearningRate owns the sign and counts its updates', () => {
    const t = scaleByLearningRate((count) => count + 1);
    const [u1, s1] = t.update(grads, t.init(grads));
    const [u2, s2] = t.update(grads, s1);
    expect(flatNumbers(u1)).toEqual([-3, 4, -12]);
    expect(flatNumbers(u2)).toEqual([-6, 8, -24]);
    expect(s2).toEqual({ count: 2 });
  });

  it('scaleBySchedule keeps the sign', () => {
    const t = scaleBySchedule(() => 0.5);
    expect(flatNumbers(t.update(grads, t.init(grads))[0])).toEqual([1.5, -2, 6]);
  });

  it('keeps null subtrees', () => {
    expect(values(scale(1).update(grads, null)[0])).toEqual({ a: [3, -4], nested: [[[12]], null] });
  });
});

describe('traceMomentum', () => {
  it('accumulates v <- g + mu v and returns v, or g + mu v with Nesterov', () => {
    for (const nesterov of [false, true]) {
      const t = traceMomentum({ decay: 0.5, nesterov });
      const [u1, s1] = t.update(grads, t.init(grads));
      const [u2, s2] = t.update(grads, s1);
      // v1 = g, v2 = 1.5 g; Nesterov: u1 = 1.5 g, u2 = g + 0.75 g.
      const g = flatNumbers(grads);
      expectClose(flatNumbers(s1.trace), g);
      expectClose(
        flatNumbers(s2.trace),
        g.map((x) => 1.5 * x),
      );
      expectClose(
        flatNumbers(u1),
        g.map((x) => (nesterov ? 1.5 : 1) * x),
      );
      expectClose(
        flatNumbers(u2),
        g.map((x) => (nesterov ? 1.75 : 1.5) * x),
      );
    }
  });
});

describe('clipByGlobalNorm (Pascanu et al. 2013)', () => {
  it('measures the norm of all leaves together', () => {
    expect(globalNorm(grads)).toBe(13);
    expect(globalNorm({ x: tensor([3]), y: f64([4]) })).toBe(5);
    expect(globalNorm(null)).toBe(0);
  });

  it('scales by maxNorm / norm above maxNorm, keeping the direction', () => {
    const [clipped] = clipByGlobalNorm(6.5).update(grads, null);
    expectClose(flatNumbers(clipped), [1.5, -2, 6]);
    expect(globalNorm(clipped)).toBeCloseTo(6.5, 12);
  });

  it('leaves updates within the norm alone', () => {
    expect(clipByGlobalNorm(13).update(grads, null)[0]).toBe(grads);
  });

  it('never returns updates longer than maxNorm (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (xs, maxNorm) => {
          const [u] = clipByGlobalNorm(maxNorm).update({ x: f64(xs) }, null);
          expect(globalNorm(u)).toBeLessThanOrEqual(maxNorm * (1 + 1e-12));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('clip', () => {
  it('clips every element to [-maxDelta, maxDelta]', () => {
    expect(values(clip(3.5).update(grads, null)[0])).toEqual({
      a: [3, -3.5],
      nested: [[[3.5]], null],
    });
  });
});

describe('addDecayedWeights (Loshchilov & Hutter 2019)', () => {
  const params: TensorTree = { a: f64([1, 2]), nested: [f64([[-10]]), null] };

  it('adds lambda w', () => {
    const [u] = addDecayedWeights(0.1).update(grads, null, params);
    expectClose(flatNumbers(u), [3.1, -3.8, 11]);
  });

  it('decays only the masked leaves', () => {
    const t = addDecayedWeights(0.1, { mask: (p) => map(p, (w) => w.rank > 1) });
    const [u] = t.update(grads, t.init(params), params);
    expectClose(flatNumbers(u), [3, -4, 11]);
  });

  it('needs the params', () => {
    expect(() => addDecayedWeights(0.1).update(grads, null)).toThrow(
      "addDecayedWeights: needs the parameters; pass them as update's third argument",
    );
  });
});

describe('masked', () => {
  const params: TensorTree = { a: f64([1, 2]), b: f64([5]), c: [f64([7]), null] };
  const g: TensorTree = { a: f64([0.5, -1]), b: f64([2]), c: [f64([4]), null] };
  const mask = { a: true, b: false, c: [true, null] };

  it('applies the inner transformation to the masked leaves only, passing the rest through', () => {
    const t = masked(scale(10), mask);
    const [u] = t.update(g, t.init(params));
    expect(values(u)).toEqual({ a: [5, -10], b: [2], c: [[40], null] });
  });

  it('keeps state only for the masked leaves, with null in place of the others', () => {
    const t = masked(traceMomentum({ decay: 0.9 }), mask);
    const state = t.init(params);
    expect(values(state.trace)).toEqual({ a: [0, 0], b: null, c: [[0], null] });
    const [, next] = t.update(g, state);
    expect(values(next.trace)).toEqual({ a: [0.5, -1], b: null, c: [[4], null] });
  });

  it('takes the mask as a function of the params', () => {
    const t = masked(scale(3), (p) => map(p, (w) => w.size > 1));
    expect(values(t.update(g, t.init(params))[0])).toEqual({
      a: [1.5, -3],
      b: [2],
      c: [[4], null],
    });
  });

  it('masks params and extras for the inner transformation', () => {
    const t = masked(addDecayedWeights(1), mask);
    const [u] = t.update(g, t.init(params), params);
    expect(values(u)).toEqual({ a: [1.5, 1], b: [2], c: [[11], null] });
  });

  it('composes: adam on some leaves, sgd on the rest', () => {
    const t = chain(
      masked(scaleByAdam(), mask),
      masked(scale(2), { a: false, b: true, c: [false, null] }),
      scaleByLearningRate(0.1),
    );
    const [u] = t.update(g, t.init(params));
    // Adam's first step is g / (|g| + eps) ~ sign(g).
    expectClose(flatNumbers(u), [-0.1, 0.1, -0.4, -0.1], 1e-7);
  });

  it('rejects a mask that is not booleans', () => {
    const t = masked(identity(), { a: true, b: 1, c: [true, null] } as never);
    expect(() => t.update(g, null)).toThrow('masked: mask.b is 1, expected a boolean');
  });
});

describe('checkFinite', () => {
  it('passes finite updates through and counts', () => {
    const t = checkFinite();
    const [u, state] = t.update(grads, t.init(grads));
    expect(u).toBe(grads);
    expect(state).toEqual({ count: 1 });
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('names the leaf, the element, the value and the update for %s', (bad, shown) => {
    const t = chain(checkFinite(), adam(0.1));
    let state = t.init(grads);
    [, state] = t.update(grads, state);
    const broken: TensorTree = {
      a: f64([3, -4]),
      nested: [
        f64([
          [1, 2],
          [bad, 0],
        ]),
        null,
      ],
    };
    let error: unknown;
    try {
      t.update(broken, state);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteError);
    const e = error as NonFiniteError;
    expect(e.name).toBe('NonFiniteError');
    expect(e.message).toBe(
      `checkFinite: grads.nested[0][1,0] is ${shown} at update 1 (shape [2,2])`,
    );
    expect(e.path).toBe('grads.nested[0]');
    expect(e.index).toEqual([1, 0]);
    expect(e.value).toBe(bad);
    expect(e.count).toBe(1);
  });

  it('reports the first bad leaf in tree order, under its label', () => {
    const t = checkFinite({ label: 'updates' });
    const both: TensorTree = { b: f64(Number.NaN), a: [f64([1, Number.POSITIVE_INFINITY])] };
    expect(() => t.update(both, { count: 0 })).toThrow(
      'checkFinite: updates.a[0][1] is Infinity at update 0 (shape [2])',
    );
    expect(() => t.update({ b: f64(Number.NaN) }, { count: 0 })).toThrow(
      'checkFinite: updates.b is NaN at update 0 (shape [])',
    );
  });

  it('catches what a later transformation makes of finite gradients', () => {
    const t = chain(scale(1e308), scale(10), checkFinite({ label: 'updates' }));
    expect(() => t.update({ w: f64([1]) }, t.init({ w: f64([1]) }))).toThrow(NonFiniteError);
  });
});
