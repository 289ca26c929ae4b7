/**
 * Output sizes of convolutions and pooling (internal), with the padding rules of
 * `@tessera/tensor`'s `conv2d`, so `init` knows the shape `apply` will produce.
 */
import type { Padding } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { showShape } from '../shapes.js';

type Pair = readonly [number, number];

/** `[[top, bottom], [left, right]]` zeros for an input `[h, w]`, as the tensor op pads. */
export function resolvePadding(
  layer: string,
  padding: Padding,
  input: Pair,
  kernel: Pair,
  strides: Pair,
): readonly [Pair, Pair] {
  if (padding === 'valid') {
    return [
      [0, 0],
      [0, 0],
    ];
  }
  if (padding === 'same') {
    const side = (i: 0 | 1): Pair => {
      const out = Math.ceil(input[i] / strides[i]);
      const total = Math.max((out - 1) * strides[i] + kernel[i] - input[i], 0);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    };
    return [side(0), side(1)];
  }
  const sides: readonly [Pair, Pair] =
    typeof padding === 'number'
      ? [
          [padding, padding],
          [padding, padding],
        ]
      : typeof padding[0] === 'number'
        ? [
            [padding[0], padding[0]],
            [padding[1] as number, padding[1] as number],
          ]
        : (padding as readonly [Pair, Pair]);
  if (sides.flat().some((p) => !Number.isInteger(p) || p < 0)) {
    throw new LayerConfigError(
      `${layer}: padding must be 'valid', 'same' or non-negative integers, got ${JSON.stringify(padding)}`,
    );
  }
  return sides;
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
