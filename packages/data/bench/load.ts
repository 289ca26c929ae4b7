/**
 * How long MNIST takes to load: `pnpm bench` (or `pnpm bench:load`) in packages/data.
 */
import { mnist } from '../src/index.js';
import { header, report, time } from './stats.js';

const RUNS = 7;

header(`MNIST load times, medians of ${RUNS} runs after a warm-up`);
report(
  'train + test (70,000 images, unit scale)',
  time(() => [mnist({ split: 'train' }), mnist({ split: 'test' })], RUNS, 1),
);
report(
  "train + test, paper's scale, padded to 32x32",
  time(
    () => [
      mnist({ split: 'train', scale: 'paper', pad: true }),
      mnist({ split: 'test', scale: 'paper', pad: true }),
    ],
    RUNS,
    1,
  ),
);
report(
  'validation (last 10,000 of train)',
  time(() => mnist({ split: 'validation' }), RUNS, 1),
);
report(
  'first 1,000 test images',
  time(() => mnist({ split: 'test', limit: 1000 }), RUNS, 1),
);
