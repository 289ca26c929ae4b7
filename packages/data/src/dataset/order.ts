import { type Key, permutation, split } from '@tessera/random';
import { needKey } from './keys.js';
import type { DatasetPlan, DatasetView } from './view.js';

/**
 * A shuffled plan: a permutation of the positions, drawn once per epoch. With a fixed key the
 * order is the same every epoch and the epoch key passes on untouched; otherwise the epoch key
 * is split into the permutation's key and the parent's, so nested shuffles stay independent.
 * Gathering maps the indices through the permutation: no element is built or copied.
 */
export function shufflePlan<T>(
  plan: DatasetPlan<T>,
  size: number,
  fixed: Key | undefined,
): DatasetPlan<T> {
  return (key) => {
    const [own, rest] = fixed !== undefined ? [fixed, key] : split(needKey('shuffle', key));
    const parent = plan(rest);
    const order = permutation(own!, size);
    const view: DatasetView<T> = { size, at: (i) => parent.at(order[i]!) };
    const gather = parent.gather;
    if (gather === undefined) return view;
    return { ...view, gather: (indices) => gather(indices.map((i) => order[i]!)) };
  };
}

/** Positions [start, start + length) of a plan, by index arithmetic. */
export function slicePlan<T>(plan: DatasetPlan<T>, start: number, length: number): DatasetPlan<T> {
  return (key) => {
    const parent = plan(key);
    const view: DatasetView<T> = { size: length, at: (i) => parent.at(start + i) };
    const gather = parent.gather;
    if (gather === undefined || start === 0)
      return gather === undefined ? view : { ...view, gather };
    return { ...view, gather: (indices) => gather(indices.map((i) => i + start)) };
  };
}
