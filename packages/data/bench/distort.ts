/**
 * What distortions and batching cost per batch of 128: `pnpm bench` (or
 * `pnpm bench:distort`) in packages/data. For scale, the same batch through LeNet-5's first
 * convolution (C1, forward only) on the default backend: a training step does that and
 * much more.
 */
import { key } from '@tessera/random';
import { conv2d, zeros } from '@tessera/tensor';
import { type DistortOptions, distort, fromTensors, mnist } from '../src/index.js';
import { header, report, time } from './stats.js';

const BATCH = 128;
const RUNS = 31;

header(`Per batch of ${BATCH}, medians of ${RUNS} runs after a warm-up`);
const cases: readonly [string, DistortOptions][] = [
  ['affine (LeCun et al. 1998)', { affine: {} }],
  ['elastic (Simard et al. 2003, alpha 34, sigma 4)', { elastic: {} }],
  ['affine + elastic', { affine: {}, elastic: {} }],
];
const inputs = [false, true].map(
  (pad) => mnist({ split: 'test', limit: BATCH, pad, scale: 'paper' }).images,
);
// Warm every path up first, so the first case measured does not pay for compilation.
let seed = 0;
for (const images of inputs)
  for (const [, options] of cases) time(() => distort(images, key(seed++), options), 10, 0);
for (const images of inputs) {
  const size = images.shape[2]!;
  for (const [name, options] of cases) {
    const t = time(() => distort(images, key(seed++), options), RUNS, 2);
    report(`${size}x${size} ${name}`, t, `   ${Math.round((BATCH / t.median) * 1000)} images/s`);
  }
}

const train = fromTensors(mnist({ split: 'train', scale: 'paper', pad: true }));
const batches = train.shuffle().batch(BATCH);
report(
  'shuffle 60,000 (one permutation per epoch)',
  time(() => batches.epoch(key(1)), 7, 1),
);
const epoch = batches.epoch(key(2));
let j = 0;
report(
  'gather one batch of 32x32 rows by index',
  time(() => epoch.at(j++ % epoch.size), RUNS, 5),
);

const w = zeros([6, 1, 5, 5]);
const x = zeros([BATCH, 1, 32, 32]);
report(
  'for scale: C1 forward, 128x1x32x32 -> 6@28x28',
  time(() => conv2d(x, w), 7, 1),
);
