import { foldIn, type Key, split } from '@tessera/random';
import { needKey } from './keys.js';
import type { DatasetPlan } from './view.js';

/** `fn` applied to each element when it is read, never ahead of time. */
export function mapPlan<T, U>(plan: DatasetPlan<T>, fn: (x: T) => U): DatasetPlan<U> {
  return (key) => {
    const parent = plan(key);
    return { size: parent.size, at: (i) => fn(parent.at(i)) };
  };
}

/**
 * `fn` applied to each element with a key of its own: `foldIn(k, i)` for element `i`, where
 * `k` is split from the epoch key. The same epoch key gives the same keys; another gives new
 * ones. After `batch`, an element is a batch, so this draws one key per batch.
 */
export function mapWithKeyPlan<T, U>(
  plan: DatasetPlan<T>,
  fn: (x: T, key: Key) => U,
): DatasetPlan<U> {
  return (key) => {
    const [own, rest] = split(needKey('mapWithKey', key));
    const parent = plan(rest);
    return { size: parent.size, at: (i) => fn(parent.at(i), foldIn(own!, i)) };
  };
}
