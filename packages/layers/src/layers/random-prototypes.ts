import { bernoulli, type Key } from '@tessera/random';
import { type Tensor, tensor } from '@tessera/tensor';
import { LayerConfigError } from '../errors.js';

/**
 * RBF parameter vectors drawn at random: a float32 tensor `[classes, length]` whose entries
 * are +1 or -1 with equal probabilities, the first alternative LeCun et al. 1998 name to
 * stylized bitmaps (Section II-B: the vectors "could be chosen at random with equal
 * probabilities for +1 and -1"). Two random codes of length `n` differ in `n / 2` places on
 * average (42 of 84), where stylized digits share most of their pixels.
 *
 * @example
 * ```ts
 * const out = rbf(randomPrototypes(key(1998), 10, 84));
 * ```
 */
export function randomPrototypes(k: Key, classes: number, length: number): Tensor {
  for (const [name, n] of [
    ['classes', classes],
    ['length', length],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new LayerConfigError(`randomPrototypes: ${name} must be a positive integer, got ${n}`);
    }
  }
  const bits = bernoulli(k, 0.5, [classes, length]);
  return tensor(
    Float32Array.from(bits, (b) => 2 * b - 1),
    { shape: [classes, length] },
  );
}
