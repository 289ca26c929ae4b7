// Named optimizers equal the chains of building blocks they are documented to be, and chain
// itself composes, threads params and extras, and checks its state.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  adagrad,
  adam,
  adamax,
  adamw,
  addDecayedWeights,
  type CountState,
  chain,
  type GradientTransformation,
  identity,
  rmsprop,
  type ScaleByAdamState,
  scale,
  scaleByAdam,
  scaleByAdamax,
  scaleByLearningRate,
  scaleByRms,
  scaleByRss,
  scaleBySchedule,
  scaleBySdlm,
  sdlm,
  sgd,
  type TensorTree,
  type TraceState,
  traceMomentum,
} from '../src/index.js';
import { expectClose, f64, flatNumbers, step } from './helpers.js';

const params0: TensorTree = {
  layer: {
    b: f64([0.1, -0.2]),
    w: f64([
      [1, 2],
      [-3, 0.5],
    ]),
  },
};
const gradsAt = (params: TensorTree, k: number): TensorTree => ({
  layer: {
    b: f64(
      flatNumbers(params)
        .slice(0, 2)
        .map((p, i) => Math.sin(p + k + i)),
    ),
    w: f64([
      [Math.cos(k), 0.5 - k / 10],
      [k % 2 === 0 ? 1 : -1, 0.01 * k],
    ]),
  },
});
const curvature: TensorTree = {
  layer: {
    b: f64([1, 2]),
    w: f64([
      [0.5, 0.1],
      [0, 3],
    ]),
  },
};

/** Runs both transformations for five steps from the same start; expects equal parameters. */
function expectSameTrajectory(a: GradientTransformation, b: GradientTransformation) {
  let [pa, pb] = [params0, params0];
  let [sa, sb] = [a.init(params0), b.init(params0)];
  for (let k = 0; k < 5; k++) {
    const extra = k % 2 === 0 ? { curvature } : {};
    [pa, sa] = step(a, pa, sa, gradsAt(pa, k), extra);
    [pb, sb] = step(b, pb, sb, gradsAt(pb, k), extra);
    expectClose(flatNumbers(pa), flatNumbers(pb), 1e-14);
  }
}

const lr = (count: number) => 0.05 * 0.9 ** count;

describe('named optimizers are chains of building blocks', () => {
  it.each([
    ['sgd', sgd(lr), chain(scaleByLearningRate(lr))],
    [
      'sgd with momentum',
      sgd(lr, { momentum: 0.9 }),
      chain(traceMomentum({ decay: 0.9 }), scaleByLearningRate(lr)),
    ],
    [
      'sgd with Nesterov momentum',
      sgd(lr, { momentum: 0.9, nesterov: true }),
      chain(traceMomentum({ decay: 0.9, nesterov: true }), scaleByLearningRate(lr)),
    ],
    ['adagrad', adagrad(lr), chain(scaleByRss(), scaleByLearningRate(lr))],
    [
      'rmsprop with momentum',
      rmsprop(lr, { momentum: 0.5 }),
      chain(scaleByRms(), traceMomentum({ decay: 0.5 }), scaleByLearningRate(lr)),
    ],
    ['adam', adam(lr), chain(scaleByAdam(), scaleByLearningRate(lr))],
    ['adam with a constant rate', adam(0.01), chain(scaleByAdam(), scale(-0.01))],
    ['adam with scaleBySchedule', adam(lr), chain(scaleByAdam(), scaleBySchedule(lr), scale(-1))],
    [
      'adamw',
      adamw(lr, { weightDecay: 0.1 }),
      chain(scaleByAdam(), addDecayedWeights(0.1), scaleByLearningRate(lr)),
    ],
    ['adamax', adamax(lr), chain(scaleByAdamax(), scaleByLearningRate(lr))],
    [
      'sdlm',
      sdlm(lr, { damping: 0.1 }),
      chain(scaleBySdlm({ damping: 0.1 }), scaleByLearningRate(lr)),
    ],
    [
      'nested chains',
      adam(lr),
      chain(chain(identity(), scaleByAdam()), chain(scaleByLearningRate(lr))),
    ],
  ] as const)('%s', (_, named, chained) => {
    expectSameTrajectory(named, chained);
  });
});

describe('chain', () => {
  it('keeps one state per member, in order', () => {
    const optimizer = chain(identity(), traceMomentum({ decay: 0.5 }), scaleByLearningRate(0.1));
    const state = optimizer.init(params0);
    expect(state).toHaveLength(3);
    expect(state[0]).toBeNull();
    expect(flatNumbers(state[1].trace)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(state[2]).toEqual({ count: 0 });
    const [, next] = optimizer.update(gradsAt(params0, 0), state);
    expect(next[2]).toEqual({ count: 1 });
  });

  it('of nothing is the identity', () => {
    const grads = gradsAt(params0, 1);
    const [updates, state] = chain().update(grads, chain().init(params0));
    expect(updates).toBe(grads);
    expect(state).toEqual([]);
  });

  it('gives params to every member', () => {
    const optimizer = chain(addDecayedWeights(1), addDecayedWeights(2));
    const grads = gradsAt(params0, 0);
    const [updates] = optimizer.update(grads, optimizer.init(params0), params0);
    expectClose(
      flatNumbers(updates),
      flatNumbers(grads).map((g, i) => g + 3 * flatNumbers(params0)[i]!),
    );
  });

  it('rejects a state that is not one entry per member', () => {
    const optimizer = chain(identity(), scaleByLearningRate(0.1));
    const grads = gradsAt(params0, 0);
    const wrong = [{ count: 0 }] as unknown as readonly [null, CountState];
    expect(() => optimizer.update(grads, wrong)).toThrow(
      'chain: expected a state with one entry per transformation (2), got 1 entries',
    );
  });

  it('types its state as the tuple of the members states', () => {
    const optimizer = chain(traceMomentum({ decay: 0.9 }), scaleByLearningRate(0.1));
    expectTypeOf(optimizer).toEqualTypeOf<
      GradientTransformation<readonly [TraceState, CountState]>
    >();
    expectTypeOf(adam(0.1).init(params0)).toEqualTypeOf<readonly [ScaleByAdamState, CountState]>();
  });
});
