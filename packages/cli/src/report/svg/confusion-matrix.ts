import { element, num, svgDocument, text } from './xml.js';

/**
 * Options of {@link confusionMatrixSvg}.
 *
 * @example
 * ```ts
 * import type { ConfusionMatrixOptions } from '@tessera/cli';
 *
 * const options: ConfusionMatrixOptions = { title: 'LeNet-5, test set', labels: ['0', '1'] };
 * ```
 */
export interface ConfusionMatrixOptions {
  /** The title above the matrix (default `Confusion matrix`). */
  readonly title?: string;
  /** Class names, in index order (default `0`, `1`, ...). */
  readonly labels?: readonly string[];
}

const CELL = 40;
const LEFT = 70;
const TOP = 64;

/**
 * A confusion matrix as an SVG heat map: `matrix[truth][predicted]` counts, true class down
 * the side, predicted class along the top, each cell showing its count and shaded by its share
 * of the true class's examples (so a class with few examples reads as well as one with many).
 * Off-diagonal cells (mistakes) are shaded in orange, the diagonal in blue; on the right, each
 * class's error rate.
 *
 * @throws RangeError if `matrix` is not square, or a count is negative or not finite.
 *
 * @example
 * ```ts
 * import { confusionMatrixSvg } from '@tessera/cli';
 *
 * const { confusion } = evaluate(model, params, test.batch(1000).iterate());
 * writeFileSync('runs/lenet5/confusion.svg', confusionMatrixSvg(confusion));
 * ```
 */
export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  options: ConfusionMatrixOptions = {},
): string {
  const n = matrix.length;
  matrix.forEach((row, i) => {
    if (row.length !== n) {
      throw new RangeError(
        `confusionMatrixSvg: the matrix must be square, but row ${i} has ${row.length} entries for ${n} rows`,
      );
    }
    row.forEach((count, j) => {
      if (!Number.isFinite(count) || count < 0) {
        throw new RangeError(`confusionMatrixSvg: matrix[${i}][${j}] is ${count}, not a count`);
      }
    });
  });
  const labels = options.labels ?? Array.from({ length: n }, (_, i) => String(i));
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
  const width = LEFT + n * CELL + 80;
  const height = TOP + n * CELL + 40;
  const parts: string[] = [
    text(options.title ?? 'Confusion matrix', {
      x: width / 2,
      y: 20,
      'text-anchor': 'middle',
      'font-size': 14,
      'font-weight': 'bold',
    }),
    text('predicted', { x: LEFT + (n * CELL) / 2, y: 38, 'text-anchor': 'middle' }),
    text('true', {
      x: 16,
      y: TOP + (n * CELL) / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 16 ${num(TOP + (n * CELL) / 2)})`,
    }),
    text('error', { x: LEFT + n * CELL + 40, y: TOP - 8, 'text-anchor': 'middle' }),
  ];
  for (let j = 0; j < n; j++) {
    parts.push(
      text(labels[j] ?? String(j), {
        x: LEFT + j * CELL + CELL / 2,
        y: TOP - 8,
        'text-anchor': 'middle',
      }),
    );
  }
  matrix.forEach((row, i) => {
    const y = TOP + i * CELL;
    parts.push(
      text(labels[i] ?? String(i), { x: LEFT - 10, y: y + CELL / 2 + 4, 'text-anchor': 'end' }),
    );
    row.forEach((count, j) => {
      const share = totals[i]! > 0 ? count / totals[i]! : 0;
      // Mistakes are rare, so their shade is stretched: a 5% confusion is already strong.
      const strength = i === j ? share : Math.min(1, Math.sqrt(share * 4));
      const x = LEFT + j * CELL;
      parts.push(
        element('rect', {
          x,
          y,
          width: CELL,
          height: CELL,
          fill: cellColor(strength, i === j),
          stroke: '#ffffff',
        }),
        text(String(count), {
          x: x + CELL / 2,
          y: y + CELL / 2 + 4,
          'text-anchor': 'middle',
          'font-size': count >= 1000 ? 10 : 11,
          fill: strength > 0.55 ? '#ffffff' : '#222222',
        }),
      );
    });
    const error = totals[i]! > 0 ? 1 - row[i]! / totals[i]! : 0;
    parts.push(
      text(`${(error * 100).toFixed(1)}%`, {
        x: LEFT + n * CELL + 40,
        y: y + CELL / 2 + 4,
        'text-anchor': 'middle',
      }),
    );
  });
  const overall = all > 0 ? ((1 - correct / all) * 100).toFixed(2) : '0.00';
  parts.push(
    text(`${all} examples, ${all - correct} errors (${overall}%)`, {
      x: LEFT + (n * CELL) / 2,
      y: height - 14,
      'text-anchor': 'middle',
    }),
  );
  return svgDocument(width, height, parts);
}

/** White to blue (correct) or white to orange (mistakes), by `strength` in [0, 1]. */
function cellColor(strength: number, diagonal: boolean): string {
  const [r, g, b] = diagonal ? [8, 81, 156] : [217, 72, 1];
  const mix = (c: number) => Math.round(255 + (c - 255) * strength);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
