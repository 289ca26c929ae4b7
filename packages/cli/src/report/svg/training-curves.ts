import { lineChartGroup, type Series } from './line-chart.js';
import { svgDocument } from './xml.js';

/**
 * One epoch's numbers for {@link trainingCurvesSvg}; any may be missing (`undefined` or
 * `null`), as validation is when a run has no validation set.
 *
 * @example
 * ```ts
 * import type { EpochMetrics } from '@tessera/cli';
 *
 * const row: EpochMetrics = { epoch: 1, trainLoss: 0.31, valLoss: 0.12, valError: 0.035 };
 * ```
 */
export interface EpochMetrics {
  /** The epoch, from 1: the x coordinate. */
  readonly epoch: number;
  /** Mean training loss. */
  readonly trainLoss?: number | null;
  /** Validation loss. */
  readonly valLoss?: number | null;
  /** Training error rate in [0, 1]; drawn as a percentage. */
  readonly trainError?: number | null;
  /** Validation error rate in [0, 1]; drawn as a percentage. */
  readonly valError?: number | null;
}

/**
 * The training curves of a run as one SVG: loss against epoch on the left, error rate (in %)
 * against epoch on the right, training and validation in each. A series with no values is
 * left out.
 *
 * @example
 * ```ts
 * import { readJsonl, trainingCurvesSvg } from '@tessera/cli';
 *
 * const history = readJsonl('runs/lenet5/metrics.jsonl') as EpochMetrics[];
 * writeFileSync('runs/lenet5/curves.svg', trainingCurvesSvg(history));
 * ```
 */
export function trainingCurvesSvg(history: readonly EpochMetrics[]): string {
  const series = (
    name: string,
    pick: (row: EpochMetrics) => number | null | undefined,
    scale = 1,
  ): Series[] => {
    const points = history.flatMap((row): [number, number][] => {
      const value = pick(row);
      return value === null || value === undefined ? [] : [[row.epoch, value * scale]];
    });
    return points.length === 0 ? [] : [{ name, points }];
  };
  const size = { width: 480, height: 320 };
  const loss = lineChartGroup(
    {
      ...size,
      title: 'Loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        ...series('training', (row) => row.trainLoss),
        ...series('validation', (row) => row.valLoss),
      ],
    },
    0,
    0,
  );
  const error = lineChartGroup(
    {
      ...size,
      title: 'Error rate',
      xLabel: 'epoch',
      yLabel: 'error (%)',
      yFormat: (v) => `${Number(v.toPrecision(4))}%`,
      series: [
        ...series('training', (row) => row.trainError, 100),
        ...series('validation', (row) => row.valError, 100),
      ],
    },
    size.width,
    0,
  );
  return svgDocument(2 * size.width, size.height, [loss, error]);
}
