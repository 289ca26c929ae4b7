import { type Key, normal, split, uniform } from '@tessera/random';
import { ConcreteTensor, type Tensor } from '@tessera/tensor';
import { AFFINE_DRAWS, affineSourcePositions, identitySourcePositions } from './affine.js';
import { addElasticField, elasticScratch } from './elastic.js';
import { smoothingBasis } from './gaussian.js';
import { extent, imageBatch } from './images.js';
import { affineRanges, type DistortOptions, elasticParams } from './options.js';
import { sampleBilinear } from './sample.js';

/**
 * Random distortions of a batch of images, drawn per image from `key`: the planar affine
 * distortions of LeCun et al. 1998 and the elastic distortions of Simard et al. 2003, either
 * or both. Both act through one map from output to source positions, so an image is resampled
 * (bilinearly) once however many distortions apply; all channels of an image move together.
 * The same key gives the same images; labels are not touched, since only images go in.
 *
 * Cost, as plain loops over typed arrays: a small fraction of a LeNet-5 training step for a
 * batch of 128 (the README lists measurements).
 *
 * @param images - float32 or float64 `[n, channels, height, width]` or `[n, height, width]`
 * @param key - decides every random number
 * @param options - `affine` and `elastic` settings (`{}` for defaults; absent for none) and
 *   the `background` of pixels from outside the image
 * @returns a new tensor of the same shape and dtype (`images` itself if no distortion is asked)
 * @throws TypeError if `images` is not a float tensor with values
 * @throws RangeError if its shape is not a batch of images, or an option is out of range
 *
 * @example
 * ```ts
 * const { images } = mnist({ split: 'test', limit: 128 });
 * const paper = distort(images, key(0), { affine: {} });
 * const simard = distort(images, key(1), { elastic: { alpha: 34, sigma: 4 } });
 * ```
 */
export function distort(images: Tensor, key: Key, options: DistortOptions = {}): Tensor {
  const { data, n, c, h, w } = imageBatch('distort', images);
  const ranges = options.affine === undefined ? undefined : affineRanges(options.affine);
  const elastic = options.elastic === undefined ? undefined : elasticParams(options.elastic);
  if (ranges === undefined && elastic === undefined) return images;
  const [min, max] = extent(data);
  const fill = options.background ?? min;
  if (!Number.isFinite(fill)) {
    throw new RangeError(`distort: background must be finite, got ${fill}`);
  }
  const lo = Math.min(min, fill);
  const hi = Math.max(max, fill);

  const [affineKey, elasticKey] = split(key) as [Key, Key];
  const draws = ranges === undefined ? undefined : uniform(affineKey, [n, AFFINE_DRAWS]);
  const field =
    elastic === undefined || elastic.alpha === 0
      ? undefined
      : elasticField(elasticKey, n, h, w, elastic.sigma);

  const out = new (data instanceof Float64Array ? Float64Array : Float32Array)(data.length);
  const sx = new Float64Array(h * w);
  const sy = new Float64Array(h * w);
  const imageSize = c * h * w;
  for (let i = 0; i < n; i++) {
    if (draws !== undefined && ranges !== undefined) {
      affineSourcePositions(draws, i * AFFINE_DRAWS, ranges, h, w, sx, sy);
    } else {
      identitySourcePositions(h, w, sx, sy);
    }
    if (field !== undefined && elastic !== undefined) {
      const { rows, cols, z, scratch } = field;
      const block = rows.rank * cols.rank;
      addElasticField(sx, sy, h, w, rows, cols, z, 2 * i * block, elastic.alpha, scratch);
    }
    for (let ch = 0; ch < c; ch++) {
      const offset = i * imageSize + ch * h * w;
      sampleBilinear(data, offset, out, offset, h, w, sx, sy, fill, lo, hi);
    }
  }
  return new ConcreteTensor({ dtype: images.dtype, shape: [...images.shape], data: out });
}

/** What the elastic distortion of a batch needs: the bases and one block of normals per field. */
function elasticField(key: Key, n: number, h: number, w: number, sigma: number) {
  const rows = smoothingBasis(h, sigma);
  const cols = smoothingBasis(w, sigma);
  const z = normal(key, [n, 2, rows.rank, cols.rank]);
  return { rows, cols, z, scratch: elasticScratch(h, cols) };
}

/**
 * A batch with images to distort: a record with an `images` field (other fields pass through).
 *
 * @example
 * ```ts
 * const batch: WithImages = { images: zeros([128, 1, 28, 28]) };
 * ```
 */
export type WithImages = {
  /** Images `[n, channels, height, width]` or `[n, height, width]`. */
  readonly images: Tensor;
};

/**
 * A function for {@link Dataset.mapWithKey} that distorts the `images` of each batch with
 * that batch's key and passes every other field (the labels) through untouched.
 *
 * @example
 * ```ts
 * const train = fromTensors(mnist({ split: 'train' }))
 *   .shuffle()
 *   .batch(128)
 *   .mapWithKey(distortImages({ elastic: {} }));
 * ```
 */
export function distortImages(
  options: DistortOptions,
): <B extends WithImages>(batch: B, key: Key) => B {
  return (batch, key) => ({ ...batch, images: distort(batch.images, key, options) });
}
