/**
 * Key and context plumbing shared by the combinators (internal).
 */
import { type Key, split } from '@tessera/random';
import { LayerError } from '../errors.js';
import type { ApplyContext } from '../types.js';

/** `n` contexts for `n` sublayers: the key split `n` ways (deterministically), `train` kept. */
export function splitContext(ctx: ApplyContext | undefined, n: number): ApplyContext[] {
  if (ctx?.key === undefined) return Array.from({ length: n }, () => ctx ?? {});
  const keys = split(ctx.key, n);
  return keys.map((key) => (ctx.train === undefined ? { key } : { key, train: ctx.train }));
}

/** `n` keys for the `init` of `n` sublayers. */
export function splitKey(key: Key, n: number): Key[] {
  return split(key, n);
}

/**
 * Runs `f`, prefixing the message of a {@link LayerError} it throws with where it happened,
 * so an error deep in a model names its path: `at features.c3: conv2d(16, 5x5): ...`.
 * `label` is a name (`c3`) or an index (`[2]`).
 */
export function at<T>(label: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LayerError) {
      if (e.message.startsWith('at ')) {
        const rest = e.message.slice(3);
        e.message = `at ${label}${rest.startsWith('[') ? '' : '.'}${rest}`;
      } else {
        e.message = `at ${label}: ${e.message}`;
      }
    }
    throw e;
  }
}
