import { niceTicks, tickLabel } from './ticks.js';
import { element, num, svgDocument, text } from './xml.js';

/**
 * One line of a chart: a legend name, its points, and optionally its colour.
 *
 * @example
 * ```ts
 * import type { Series } from '@tessera/cli';
 *
 * const train: Series = { name: 'training', points: [[1, 0.31], [2, 0.12]] };
 * ```
 */
export interface Series {
  /** Its name in the legend. */
  readonly name: string;
  /** `[x, y]` pairs; non-finite values are skipped (a gap in the line). */
  readonly points: readonly (readonly [number, number])[];
  /** A CSS colour; by default one of a palette that stays distinct for colour-blind readers. */
  readonly color?: string;
}

/**
 * What {@link lineChartSvg} draws.
 *
 * @example
 * ```ts
 * import type { LineChartOptions } from '@tessera/cli';
 *
 * const chart: LineChartOptions = { title: 'loss', xLabel: 'epoch', yLabel: 'loss', series: [train] };
 * ```
 */
export interface LineChartOptions {
  /** The title above the chart. */
  readonly title: string;
  /** The label under the x axis. */
  readonly xLabel: string;
  /** The label beside the y axis. */
  readonly yLabel: string;
  /** The lines, in legend order. */
  readonly series: readonly Series[];
  /** Width in pixels (default 480). */
  readonly width?: number;
  /** Height in pixels (default 320). */
  readonly height?: number;
  /** Turns a y tick value into its label (default: the number, 4 significant digits). */
  readonly yFormat?: (value: number) => string;
}

/** Okabe-Ito colours: distinct for the common kinds of colour blindness. */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

const MARGIN = { left: 60, right: 16, top: 32, bottom: 44 };

/**
 * A line chart as an SVG `<g>` at `(x, y)`: axes with nice ticks and grid lines, one polyline
 * with point markers per series, a legend, a title and axis labels. Used by
 * {@link lineChartSvg} and to put charts side by side.
 */
export function lineChartGroup(options: LineChartOptions, x: number, y: number): string {
  const { title, xLabel, yLabel, series } = options;
  const width = options.width ?? 480;
  const height = options.height ?? 320;
  const yFormat = options.yFormat ?? tickLabel;
  const finite = series.flatMap((s) =>
    s.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py)),
  );
  const xs = finite.map(([px]) => px);
  const ys = finite.map(([, py]) => py);
  const xTicks = niceTicks(...extent(xs), 6);
  const yTicks = niceTicks(...extent(ys), 5);
  const [x0, x1] = [xTicks[0]!, xTicks.at(-1)!];
  const [y0, y1] = [yTicks[0]!, yTicks.at(-1)!];
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom,
  };
  const sx = (v: number) => plot.left + ((v - x0) / (x1 - x0)) * plot.width;
  const sy = (v: number) => plot.top + plot.height - ((v - y0) / (y1 - y0)) * plot.height;
  const parts: string[] = [
    text(title, {
      x: width / 2,
      y: 20,
      'text-anchor': 'middle',
      'font-size': 14,
      'font-weight': 'bold',
    }),
  ];
  for (const t of yTicks) {
    parts.push(
      element('line', {
        x1: plot.left,
        x2: plot.left + plot.width,
        y1: sy(t),
        y2: sy(t),
        stroke: '#e5e5e5',
      }),
      text(yFormat(t), { x: plot.left - 6, y: sy(t) + 4, 'text-anchor': 'end', fill: '#444444' }),
    );
  }
  for (const t of xTicks) {
    parts.push(
      element('line', {
        x1: sx(t),
        x2: sx(t),
        y1: plot.top + plot.height,
        y2: plot.top + plot.height + 4,
        stroke: '#444444',
      }),
      text(tickLabel(t), {
        x: sx(t),
        y: plot.top + plot.height + 17,
        'text-anchor': 'middle',
        fill: '#444444',
      }),
    );
  }
  parts.push(
    element('rect', {
      x: plot.left,
      y: plot.top,
      width: plot.width,
      height: plot.height,
      fill: 'none',
      stroke: '#444444',
    }),
    text(xLabel, { x: plot.left + plot.width / 2, y: height - 8, 'text-anchor': 'middle' }),
    text(yLabel, {
      x: 14,
      y: plot.top + plot.height / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 14 ${num(plot.top + plot.height / 2)})`,
    }),
  );
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    for (const run of finiteRuns(s.points)) {
      const coords = run.map(([px, py]) => `${num(sx(px))},${num(sy(py))}`).join(' ');
      if (run.length > 1) {
        parts.push(
          element('polyline', { points: coords, fill: 'none', stroke: color, 'stroke-width': 2 }),
        );
      }
      for (const [px, py] of run) {
        parts.push(element('circle', { cx: sx(px), cy: sy(py), r: 2.5, fill: color }));
      }
    }
    // The legend sits in the top right corner of the plot, one line per series.
    const ly = plot.top + 14 + i * 16;
    const lx = plot.left + plot.width - 110;
    parts.push(
      element('line', {
        x1: lx,
        x2: lx + 18,
        y1: ly - 4,
        y2: ly - 4,
        stroke: color,
        'stroke-width': 2,
      }),
      text(s.name, { x: lx + 24, y: ly }),
    );
  });
  return element('g', { transform: `translate(${num(x)} ${num(y)})` }, parts);
}

/** The least and greatest value; `[0, 1]` for an empty chart, so its axes still draw. */
function extent(values: readonly number[]): [number, number] {
  return values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values)];
}

/** The maximal runs of consecutive finite points: a NaN breaks the line. */
function finiteRuns(points: Series['points']): (readonly [number, number])[][] {
  const runs: (readonly [number, number])[][] = [[]];
  for (const p of points) {
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) runs.at(-1)!.push(p);
    else if (runs.at(-1)!.length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length > 0);
}

/**
 * A line chart as a standalone SVG document, hand-written (no dependency): one line per
 * series, nice ticks, grid, legend, title and axis labels.
 *
 * @example
 * ```ts
 * import { lineChartSvg } from '@tessera/cli';
 *
 * writeFileSync('loss.svg', lineChartSvg({
 *   title: 'Loss', xLabel: 'epoch', yLabel: 'loss',
 *   series: [{ name: 'training', points: [[1, 0.31], [2, 0.12], [3, 0.08]] }],
 * }));
 * ```
 */
export function lineChartSvg(options: LineChartOptions): string {
  return svgDocument(options.width ?? 480, options.height ?? 320, [lineChartGroup(options, 0, 0)]);
}
