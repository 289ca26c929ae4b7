import { add } from '@tessera/tensor';
import type { TensorTree } from './types.js';
import { zipTensors } from './zip.js';

/**
 * The new parameters `w + u`, leaf by leaf: the last line of every training step. Returns a
 * fresh tree of the parameters' structure (and type); `params` and `updates` are unchanged.
 *
 * @throws TreeMismatchError if the structures differ (the message prints both).
 * @throws ShapeError if a leaf's shapes differ (no broadcasting: an update of the wrong shape is
 *   a bug, not something to broadcast).
 *
 * @example
 * ```ts
 * import { applyUpdates, sgd } from '@tessera/optim';
 *
 * const optimizer = sgd(0.1);
 * const [updates, state] = optimizer.update(grads, optimizer.init(params));
 * const nextParams = applyUpdates(params, updates); // params - 0.1 * grads
 * ```
 */
export function applyUpdates<P extends TensorTree>(params: P, updates: TensorTree): P {
  // zipTensors returns a tree of the first tree's structure: the structure of P.
  return zipTensors(
    'applyUpdates',
    [
      ['params', params],
      ['updates', updates],
    ],
    add,
  ) as P;
}
