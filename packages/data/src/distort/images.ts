import { ConcreteTensor, type Tensor } from '@tessera/tensor';

/** A batch of images as the distortions read it: `n` images of `c` channels of `h x w`. */
export interface ImageBatch {
  readonly data: Float32Array | Float64Array;
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

/** Reads `[n, c, h, w]` or `[n, h, w]` float images, or says clearly why not. */
export function imageBatch(op: string, images: Tensor): ImageBatch {
  if (!(images instanceof ConcreteTensor)) {
    throw new TypeError(`${op}: images must be a tensor with values, not a traced value`);
  }
  const { dtype, shape, data } = images.buffer;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(`${op}: images must be float32 or float64, got ${dtype}`);
  }
  if (shape.length !== 3 && shape.length !== 4) {
    throw new RangeError(
      `${op}: images must be [n, channels, height, width] or [n, height, width], got [${shape.join(',')}]`,
    );
  }
  const [n, c, h, w] = shape.length === 4 ? shape : [shape[0], 1, shape[1], shape[2]];
  return { data: data as Float32Array | Float64Array, n: n!, c: c!, h: h!, w: w! };
}

/** The smallest and largest value of a batch ([0, 0] for an empty one). */
export function extent(data: Float32Array | Float64Array): readonly [number, number] {
  if (data.length === 0) return [0, 0];
  let min = data[0]!;
  let max = min;
  for (let i = 1; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return [min, max];
}
