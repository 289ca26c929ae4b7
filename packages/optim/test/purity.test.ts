// No hidden state, no mutation: update is a pure function of its arguments, and a state is a
// plain tree of tensors and numbers that survives a round trip through flat leaves (a checkpoint).
import { Tensor } from '@tessera/tensor';
import { flatten, leaves, type Tree, unflatten } from '@tessera/tree';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamax,
  adamw,
  chain,
  checkFinite,
  clip,
  clipByGlobalNorm,
  type GradientTransformation,
  masked,
  rmsprop,
  sdlm,
  sgd,
  type TensorTree,
} from '../src/index.js';
import { f64, flatNumbers, step } from './helpers.js';

const params: TensorTree = {
  conv: {
    b: f64([0.1, 0.2]),
    w: f64([
      [1, -1],
      [2, 0.5],
    ]),
  },
  pool: null,
};
const grads: TensorTree = {
  conv: {
    b: f64([0.3, -0.2]),
    w: f64([
      [-1, 4],
      [0.5, 0.25],
    ]),
  },
  pool: null,
};
const curvature: TensorTree = {
  conv: {
    b: f64([1, 2]),
    w: f64([
      [3, 0],
      [0.5, 1],
    ]),
  },
  pool: null,
};

const all: [string, () => GradientTransformation][] = [
  ['sgd', () => sgd(0.1)],
  ['sgd with Nesterov momentum', () => sgd(0.1, { momentum: 0.9, nesterov: true })],
  ['adagrad', () => adagrad(0.1)],
  ['rmsprop with momentum', () => rmsprop(0.1, { momentum: 0.5 })],
  ['adam', () => adam(0.1)],
  ['adamw', () => adamw(0.1)],
  ['adamax', () => adamax(0.1)],
  ['sdlm', () => sdlm(0.1)],
  [
    'a chain of checkFinite, clipByGlobalNorm, clip and masked adam',
    () =>
      chain(
        checkFinite(),
        clipByGlobalNorm(1),
        clip(0.3),
        masked(adam(0.1), { conv: { b: false, w: true }, pool: null }),
      ),
  ],
];

/** Freezes every array and plain object of a tree (tensors are immutable already). */
function deepFreeze<T>(tree: T): T {
  if (tree !== null && typeof tree === 'object' && !(tree instanceof Tensor)) {
    for (const child of Object.values(tree)) deepFreeze(child);
    Object.freeze(tree);
  }
  return tree;
}

/** The structure and every value of a tree, to compare before and after. */
function snapshot(tree: Tree<Tensor | number>): unknown {
  const [xs, s] = flatten(tree);
  return { structure: String(s), values: xs.map((x) => (x instanceof Tensor ? x.toArray() : x)) };
}

describe.each(all)('%s', (_, make) => {
  it('leaves params, grads, state and extras unchanged, and repeats exactly', () => {
    const optimizer = make();
    let state = optimizer.init(params);
    [, state] = step(optimizer, params, state, grads, { curvature });
    const inputs = deepFreeze({ params, grads, state, curvature });
    const before = [params, grads, state, curvature].map(snapshot);
    const first = optimizer.update(grads, state, params, { curvature });
    const second = optimizer.update(grads, state, params, { curvature });
    expect([params, grads, state, curvature].map(snapshot)).toEqual(before);
    expect(inputs.state).toBe(state);
    expect(snapshot(first[0])).toEqual(snapshot(second[0]));
    expect(snapshot(first[1])).toEqual(snapshot(second[1]));
  });

  it('keeps its state as a tree of tensors and numbers that can be checkpointed', () => {
    const optimizer = make();
    let state = optimizer.init(params);
    let p: TensorTree = params;
    [p, state] = step(optimizer, p, state, grads, { curvature });
    expect(leaves(state).every((x) => x instanceof Tensor || typeof x === 'number')).toBe(true);
    // Save as flat leaves plus a structure, restore, and continue: the same as not stopping.
    const [saved, shape] = flatten(state);
    const restored = unflatten(
      shape,
      saved.map((x) => (x instanceof Tensor ? f64(x.toArray()) : x)),
    );
    const [pa] = step(optimizer, p, state, grads);
    const [pb] = step(optimizer, p, restored as typeof state, grads);
    expect(flatNumbers(pa)).toEqual(flatNumbers(pb));
  });
});
