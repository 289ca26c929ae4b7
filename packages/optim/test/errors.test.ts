// Bad input gets an error that names the function and what is wrong, never a NaN or a silently
// broadcast update.
import { ShapeError } from '@tessera/tensor';
import { structure, TreeMismatchError } from '@tessera/tree';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamax,
  adamw,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  cosineDecay,
  exponentialDecay,
  type GradientTransformation,
  masked,
  piecewiseConstant,
  rmsprop,
  scale,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  scaleBySdlm,
  sdlm,
  sgd,
  type TensorTree,
  traceMomentum,
} from '../src/index.js';
import { f64, step } from './helpers.js';

const params: TensorTree = { layer: { b: f64([0, 0]), w: f64([[1, 2]]) } };
const good: TensorTree = { layer: { b: f64([1, 1]), w: f64([[1, 1]]) } };
const misnamed: TensorTree = { layer: { bias: f64([1, 1]), w: f64([[1, 1]]) } };

const optimizers: [string, GradientTransformation][] = [
  ['sgd', sgd(0.1)],
  ['sgd with momentum', sgd(0.1, { momentum: 0.9 })],
  ['adagrad', adagrad(0.1)],
  ['rmsprop', rmsprop(0.1)],
  ['adam', adam(0.1)],
  ['adamw', adamw(0.1)],
  ['adamax', adamax(0.1)],
  ['sdlm', sdlm(0.1)],
];

describe('grads whose structure differs from the state', () => {
  it.each(optimizers)('%s throws TreeMismatchError printing both structures', (_, optimizer) => {
    const state = optimizer.init(params);
    let error: unknown;
    try {
      step(optimizer, params, state, misnamed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TreeMismatchError);
    const mismatch = error as TreeMismatchError;
    expect(mismatch.expected).toBe(String(structure(params)));
    expect(mismatch.actual).toBe(String(structure(misnamed)));
    expect(mismatch.message).toContain(`expected ${structure(params)}`);
    expect(mismatch.message).toContain(`actual   ${structure(misnamed)}`);
  });

  it('names the transformation and the trees, and where they first differ', () => {
    const optimizer = adam(0.1);
    expect(() => optimizer.update(misnamed, optimizer.init(params))).toThrow(
      'scaleByAdam (state.mu vs grads): tree structures differ, first at layer ' +
        '(expected {b: *, w: *}, got {bias: *, w: *}):\n' +
        '  expected {layer: {b: *, w: *}}\n' +
        '  actual   {layer: {bias: *, w: *}}',
    );
  });

  it('is caught by update itself wherever the state holds trees', () => {
    for (const t of [traceMomentum({ decay: 0.9 }), scaleByRms(), scaleByAdam(), scaleBySdlm()]) {
      expect(() => t.update(misnamed, t.init(params) as never)).toThrow(TreeMismatchError);
    }
  });

  it('counts an extra leaf or a missing one as a mismatch', () => {
    const optimizer = adam(0.1);
    const state = optimizer.init(params);
    const extraLeaf = { layer: { b: f64([1, 1]), w: f64([[1, 1]]), z: f64(0) } };
    const missing = { layer: { b: f64([1, 1]), w: null } };
    expect(() => optimizer.update(extraLeaf, state)).toThrow(TreeMismatchError);
    expect(() => optimizer.update(missing, state)).toThrow(TreeMismatchError);
  });
});

describe('shapes are checked leaf by leaf, never broadcast', () => {
  const wide: TensorTree = { layer: { b: f64([1, 1]), w: f64([[1], [1]]) } };

  it('in update', () => {
    const optimizer = adam(0.1);
    expect(() => optimizer.update(wide, optimizer.init(params))).toThrow(
      new ShapeError(
        'scaleByAdam: grads.layer.w has shape [2,1], but state.mu.layer.w has shape [1,2]',
      ),
    );
  });

  it('in applyUpdates', () => {
    expect(() => applyUpdates(params, wide)).toThrow(
      'applyUpdates: updates.layer.w has shape [2,1], but params.layer.w has shape [1,2]',
    );
    expect(() => applyUpdates(params, misnamed)).toThrow(TreeMismatchError);
    expect(() => applyUpdates(params, { layer: { b: f64(1), w: f64([[1, 1]]) } })).toThrow(
      ShapeError,
    );
  });
});

describe('states and masks', () => {
  it('a state made by another transformation is named', () => {
    expect(() => adam(0.1).update(good, sgd(0.1).init(params) as never)).toThrow(TypeError);
    expect(() => scaleByAdam().update(good, { count: 0 } as never)).toThrow(
      'scaleByAdam: state.mu is undefined; was the state made by this transformation?',
    );
  });

  it('a mask of another structure throws TreeMismatchError', () => {
    const t = masked(scale(1), { layer: { w: true } });
    expect(() => t.update(good, null)).toThrow(/^masked \(grads vs mask\): tree structures differ/);
  });
});

describe('hyperparameters are checked when a transformation is made', () => {
  it.each([
    [
      () => sgd(-0.1),
      'scaleByLearningRate: the learning rate must be a finite number >= 0, got -0.1 (it owns the sign: updates are -lr * grads)',
    ],
    [() => sgd(Number.NaN), 'the learning rate must be a finite number >= 0, got NaN'],
    [() => sgd(0.1, { nesterov: true }), 'sgd: nesterov needs a momentum'],
    [() => sgd(0.1, { momentum: 1.5 }), 'traceMomentum: decay must be in [0, 1], got 1.5'],
    [() => rmsprop(0.1, { nesterov: true }), 'rmsprop: nesterov needs a momentum'],
    [() => adam(0.1, { b1: 1 }), 'scaleByAdam: b1 must be in [0, 1), got 1'],
    [() => adam(0.1, { eps: -1 }), 'scaleByAdam: eps must be a finite number >= 0, got -1'],
    [() => adamax(0.1, { b1: -0.1 }), 'scaleByAdamax: b1 must be in [0, 1), got -0.1'],
    [() => adagrad(0.1, { initialAccumulatorValue: -1 }), 'scaleByRss: initialAccumulatorValue'],
    [
      () => sdlm(0.1, { curvatureWeight: 2 }),
      'scaleBySdlm: curvatureWeight must be in [0, 1], got 2',
    ],
    [() => sdlm(0.1, { damping: -0.02 }), 'scaleBySdlm: damping must be a finite number >= 0'],
    [() => clipByGlobalNorm(0), 'clipByGlobalNorm: maxNorm must be a finite number > 0, got 0'],
    [() => cosineDecay({ initValue: 1, decaySteps: 0 }), 'cosineDecay: decaySteps must be'],
    [
      () => exponentialDecay({ initValue: 1, decayRate: 0.5, transitionSteps: -1 }),
      'exponentialDecay: transitionSteps must be a finite number > 0, got -1',
    ],
    [
      () => piecewiseConstant({ values: [1, 2], boundaries: [5, 10] }),
      'piecewiseConstant: expected 3 pieces for 2 boundaries, got 2',
    ],
    [
      () => piecewiseConstant({ values: [1, 2, 3], boundaries: [10, 5] }),
      'piecewiseConstant: boundaries must increase strictly, got 10 then 5',
    ],
  ])('%#: %s', (make, message) => {
    expect(make).toThrow(message);
  });

  it('a schedule that turns negative is caught at the step where it does', () => {
    const t = chain(scaleByLearningRate((count) => 0.1 - 0.1 * count));
    let state = t.init(params);
    [, state] = t.update(good, state);
    [, state] = t.update(good, state);
    expect(() => t.update(good, state)).toThrow(
      'scaleByLearningRate: the learning rate at step 2 must be a finite number >= 0, got -0.1',
    );
  });
});
