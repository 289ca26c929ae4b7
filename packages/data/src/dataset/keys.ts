import { type Key, split } from '@tessera/random';

/** The epoch key, or a clear error naming the operation that needs one. */
export function needKey(op: string, key: Key | undefined): Key {
  if (key === undefined) {
    throw new TypeError(
      `Dataset.${op} draws random numbers each epoch: iterate with a key, e.g. dataset.iterate(key)`,
    );
  }
  return key;
}

/** `n` independent keys from the epoch key, or `n` undefined keys without one. */
export function splitKey(key: Key | undefined, n: number): (Key | undefined)[] {
  return key === undefined ? Array.from({ length: n }, () => undefined) : split(key, n);
}
