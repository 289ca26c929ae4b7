import { Key, key } from '@tessera/random';
import { type Tensor, tensor, zeros } from '@tessera/tensor';
import type { Tree } from '@tessera/tree';
import { describe, expect, it } from 'vitest';
import {
  CheckpointMismatchError,
  decodeCheckpoint,
  encodeCheckpoint,
  restoreInto,
} from '../src/checkpoint/index.js';

interface Params {
  readonly c1: { readonly w: Tensor; readonly b: Tensor };
  readonly s2: null;
}

// An interface, as a model's parameter type often is: restoreInto takes it as the template.
const model = (kernel: number): Params => ({
  c1: { w: zeros([6, 1, kernel, kernel]), b: zeros([6]) },
  s2: null,
});

/** The same parameters as a plain tree, as a checkpoint gives them back. */
const saved = (kernel: number): Tree<Tensor> => ({
  c1: { w: zeros([6, 1, kernel, kernel]), b: zeros([6]) },
  s2: null,
});

function mismatch(run: () => unknown): CheckpointMismatchError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointMismatchError);
    expect((error as Error).name).toBe('CheckpointMismatchError');
    return error as CheckpointMismatchError;
  }
  throw new Error('expected a CheckpointMismatchError');
}

describe('restoreInto', () => {
  it("returns the checkpoint's leaves in the template's structure and type", () => {
    const saved = { c1: { b: tensor([1, 2, 3, 4, 5, 6]), w: zeros([6, 1, 5, 5]) }, s2: null };
    const restored: Params = restoreInto(model(5), saved);
    expect(restored.c1.b.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(restored.s2).toBeNull();
    expect(Object.keys(restored)).toEqual(['c1', 's2']);
  });

  it('round-trips through a checkpoint', () => {
    const params = model(5);
    const bytes = encodeCheckpoint({
      params,
      optState: [{ count: 3 }],
      epoch: 1,
      step: 3,
      keys: key(0),
      config: {},
    });
    const loaded = decodeCheckpoint(bytes);
    expect(restoreInto(model(5), loaded.params).c1.w.shape).toEqual([6, 1, 5, 5]);
    expect(restoreInto([{ count: 0 }], loaded.optState, 'optState')).toEqual([{ count: 3 }]);
    expect(restoreInto(key(1), loaded.keys, 'keys')).toEqual(key(0));
  });

  it('names the tensor and both shapes when a shape differs', () => {
    const error = mismatch(() => restoreInto(model(3), saved(5)));
    expect(error.message).toBe(
      'checkpoint tensor params.c1.w has shape [6,1,5,5], model expects [6,1,3,3]',
    );
    expect([error.path, error.expected, error.actual]).toEqual([
      'params.c1.w',
      'shape [6,1,3,3]',
      'shape [6,1,5,5]',
    ]);
  });

  it('names a dtype that differs', () => {
    const saved = { c1: { w: zeros([6, 1, 3, 3], { dtype: 'float64' }), b: zeros([6]) }, s2: null };
    expect(mismatch(() => restoreInto(model(3), saved)).message).toBe(
      'checkpoint tensor params.c1.w has dtype float64, model expects float32',
    );
  });

  it('names a tensor the checkpoint lacks and one the model lacks', () => {
    const lacking = { c1: { w: zeros([6, 1, 3, 3]) }, s2: null };
    expect(mismatch(() => restoreInto(model(3), lacking)).message).toBe(
      'checkpoint has no params.c1.b; the model expects a float32 tensor of shape [6]',
    );
    const extra = { ...(saved(3) as object), f6: { w: zeros([2]) } };
    expect(mismatch(() => restoreInto(model(3), extra)).message).toBe(
      'checkpoint tensor params.f6.w (a float32 tensor of shape [2]) is not in the model',
    );
  });

  it('names a leaf of the wrong kind, with the given root', () => {
    expect(
      mismatch(() => restoreInto([{ count: 0 }], [{ count: zeros([]) }], 'optState')).message,
    ).toBe('checkpoint optState[0].count is a float32 tensor of shape [], model expects a number');
    expect(mismatch(() => restoreInto({ k: new Key(0, 1) }, { k: 3 }, 'keys')).path).toBe('keys.k');
  });
});
