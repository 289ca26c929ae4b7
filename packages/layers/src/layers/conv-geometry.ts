/**
 * Output sizes of convolutions and pooling (internal), with the padding rules of
 * `@tessera/tensor`'s `conv2d`, so `init` knows the shape `apply` will produce.
 */
import { type Padding, resolvePadding as resolveTensorPadding, ShapeError } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { showShape } from '../shapes.js';

type Pair = readonly [number, number];

/** `[[top, bottom], [left, right]]` zeros for an input `[h, w]`: the tensor op's own rule. */
export function resolvePadding(
  layer: string,
  padding: Padding,
  input: Pair,
  kernel: Pair,
  strides: Pair,
): readonly [Pair, Pair] {
  try {
    return resolveTensorPadding(layer, padding, input, kernel, strides);
  } catch (e) {
    // A bad padding option is a configuration mistake of the layer, reported as such.
    if (e instanceof ShapeError) throw new LayerConfigError(e.message);
    throw e;
  }
}

/** Checks a padding option at construction time (by resolving it against a dummy input). */
export function checkPadding(layer: string, padding: Padding): void {
  if (padding === 'valid' || padding === 'same') return;
  resolvePadding(layer, padding, [1, 1], [1, 1], [1, 1]);
}

/**
 * The spatial output size `[oh, ow]` of a window `kernel` sliding with `strides` over an
 * input `[h, w]` padded by `padding`; a window larger than the padded input is a
 * {@link LayerShapeError} naming the layer and the input shape.
 */
export function slidingOutput(
  layer: string,
  inShape: readonly number[],
  kernel: Pair,
  strides: Pair,
  padding: readonly [Pair, Pair],
): Pair {
  const h = inShape[1]! + padding[0][0] + padding[0][1];
  const w = inShape[2]! + padding[1][0] + padding[1][1];
  if (h < kernel[0] || w < kernel[1]) {
    throw new LayerShapeError(
      `${layer}: window ${kernel[0]}x${kernel[1]} is larger than the padded input ${h}x${w} (input shape ${showShape(inShape)})`,
    );
  }
  return [
    Math.floor((h - kernel[0]) / strides[0]) + 1,
    Math.floor((w - kernel[1]) / strides[1]) + 1,
  ];
}
