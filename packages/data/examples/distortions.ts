/**
 * Writes docs/distortions.png: one test digit of each class (columns), as loaded (top
 * row), then three rows of affine distortions (LeCun et al. 1998), three of elastic ones
 * (Simard et al. 2003) and one of both, each row under its own key. Run it with
 * `pnpm example:distortions` in packages/data.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { foldIn, key } from '@tessera/random';
import { concat, take } from '@tessera/tensor';
import { type DistortOptions, distort, mnist, toPngGrid } from '../src/index.js';

const { images, labels } = mnist({ split: 'test', scale: 'paper' });
const digits = labels.data();
const firstOfEach = Array.from({ length: 10 }, (_, d) => digits.indexOf(d));
const row = take(images, firstOfEach, { axis: 0 });

const rows: readonly DistortOptions[] = [
  {},
  { affine: {} },
  { affine: {} },
  { affine: {} },
  { elastic: {} },
  { elastic: {} },
  { elastic: {} },
  { affine: {}, elastic: {} },
];
const grid = concat(
  rows.map((options, r) => distort(row, foldIn(key(2024), r), options)),
  0,
);
const png = toPngGrid(grid, {
  columns: 10,
  gap: 2,
  range: [-0.1, 1.175],
  invert: true,
  gapColor: 200,
  zoom: 2,
});
const out = resolve(process.argv[2] ?? 'docs/distortions.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes, ${rows.length} rows of 10 digits)`);
