import type { Key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { LayerShapeError } from '../errors.js';
import { expectShapes } from '../shapes.js';
import type { AnyLayer, ApplyContext, Layer, Shape } from '../types.js';
import { at, splitContext, splitKey } from './keys.js';
import type { SerialParams } from './serial.js';

/**
 * Applies layers side by side, as stax's `parallel`: input `i` goes through layer `i`. The
 * input is a list of as many tensors as there are layers (typically from {@link fanOut}); the
 * output is the list of their outputs; the parameters are an array, one entry per layer.
 * Keys are split as in {@link serial}.
 *
 * @example
 * ```ts
 * // an inception-style block: two branches, concatenated along the channels
 * const block = serial(fanOut(2), parallel(conv2d(8, 1), conv2d(8, 3, { padding: 'same' })), fanInConcat(0));
 * ```
 */
export function parallel<const L extends readonly AnyLayer[]>(
  ...layers: L
): Layer<SerialParams<L>, readonly Tensor[], readonly Tensor[]> {
  const name = `parallel(${layers.length} layers)`;
  const checkCount = (n: number, what: string) => {
    if (n !== layers.length) {
      throw new LayerShapeError(`${name}: expects ${layers.length} inputs, got ${n} ${what}`);
    }
  };
  return {
    init(key: Key, inShape: readonly Shape[]) {
      const shapes = expectShapes(name, inShape);
      checkCount(shapes.length, 'input shapes');
      const keys = splitKey(key, layers.length);
      const results = layers.map((layer, i) =>
        at(`[${i}]`, () => layer.init(keys[i]!, shapes[i]!)),
      );
      return [
        results.map(([shape]) => shape as Shape),
        results.map(([, p]) => p) as SerialParams<L>,
      ] as const;
    },
    apply(params, xs, ctx?: ApplyContext) {
      checkCount(xs.length, 'tensors');
      const contexts = splitContext(ctx, layers.length);
      const ps = params as readonly unknown[];
      return layers.map((layer, i) => layer.apply(ps[i], xs[i]!, contexts[i]) as Tensor);
    },
  };
}
