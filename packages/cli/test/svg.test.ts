import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusionMatrixSvg, lineChartSvg, trainingCurvesSvg } from '../src/index.js';
import { niceTicks } from '../src/report/svg/ticks.js';
import { svgProblems, svgTexts } from './svg-check.js';

describe('the SVG checker', () => {
  it('catches what it should', () => {
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><g></g></svg>')).toEqual([]);
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).not.toEqual([]);
    expect(
      svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><text>a<b</text></svg>'),
    ).not.toEqual([]);
    expect(
      svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>'),
    ).not.toEqual([]);
    expect(svgProblems('<div></div>')).not.toEqual([]);
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0.013, 0.31, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(1, 20, 6)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(1, 1, 5)).toEqual([0.5, 1, 1.5]);
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (a, b) => {
          const ticks = niceTicks(a, b, 5);
          expect(ticks[0]!).toBeLessThanOrEqual(Math.min(a, b));
          expect(ticks.at(-1)!).toBeGreaterThanOrEqual(Math.max(a, b));
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(12);
        },
      ),
    );
  });
});

describe('lineChartSvg', () => {
  it('is well formed, escapes text and labels its ticks', () => {
    const svg = lineChartSvg({
      title: 'Loss <LeNet-5> & "friends"',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        {
          name: 'training',
          points: [
            [1, 0.31],
            [2, 0.12],
            [3, Number.NaN],
            [4, 0.05],
          ],
        },
        {
          name: 'validation',
          points: [
            [1, 0.2],
            [2, 0.1],
          ],
        },
      ],
    });
    expect(svgProblems(svg)).toEqual([]);
    const texts = svgTexts(svg);
    expect(texts).toContain('Loss <LeNet-5> & "friends"');
    expect(texts).toEqual(expect.arrayContaining(['training', 'validation', 'epoch', 'loss']));
    expect(texts).toEqual(expect.arrayContaining(['0', '0.1', '0.2', '0.3', '0.4']));
    // The NaN breaks the training line in two: one polyline, then a lone point.
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).not.toContain('NaN');
  });

  it('draws an empty chart without failing', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [] });
    expect(svgProblems(svg)).toEqual([]);
  });
});

describe('trainingCurvesSvg', () => {
  it('puts loss and error (in %) side by side, training and validation in each', () => {
    const svg = trainingCurvesSvg([
      { epoch: 1, trainLoss: 0.3, valLoss: 0.2, trainError: 0.08, valError: 0.05 },
      { epoch: 2, trainLoss: 0.1, valLoss: 0.09, trainError: 0.03, valError: 0.025 },
      { epoch: 3, trainLoss: 0.05, valLoss: null, valError: 0.011 },
    ]);
    expect(svgProblems(svg)).toEqual([]);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Loss', 'Error rate', 'error (%)']));
    expect(texts.filter((t) => t === 'training')).toHaveLength(2);
    expect(texts.filter((t) => t === 'validation')).toHaveLength(2);
    expect(texts).toEqual(expect.arrayContaining(['0%', '2%', '8%', '1', '2', '3']));
    expect(svg.match(/<polyline/g)).toHaveLength(4);
  });

  it('leaves out series with no values', () => {
    const svg = trainingCurvesSvg([
      { epoch: 1, trainLoss: 0.3 },
      { epoch: 2, trainLoss: 0.2 },
    ]);
    expect(svgProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).not.toContain('validation');
  });
});

describe('confusionMatrixSvg', () => {
  const matrix = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? 970 + i : (i * 7 + j * 3) % 5)),
  );

  it('is a well-formed 10x10 heat map showing every count', () => {
    const svg = confusionMatrixSvg(matrix, { title: 'LeNet-5 & test set' });
    expect(svgProblems(svg)).toEqual([]);
    expect(svg.match(/<rect /g)).toHaveLength(101); // the background and 100 cells
    const texts = svgTexts(svg);
    expect(texts).toContain('LeNet-5 & test set');
    for (let i = 0; i < 10; i++) {
      expect(texts).toContain(String(970 + i));
      expect(texts).toContain(String(i));
    }
    const total = matrix.flat().reduce((a, b) => a + b, 0);
    const errors = total - matrix.reduce((s, row, i) => s + row[i]!, 0);
    expect(texts).toContain(
      `${total} examples, ${errors} errors (${((errors / total) * 100).toFixed(2)}%)`,
    );
    expect(texts.filter((t) => t === '0')).not.toHaveLength(0);
  });

  it('takes labels, handles empty rows, and refuses what is not a confusion matrix', () => {
    const svg = confusionMatrixSvg(
      [
        [0, 0],
        [1, 2],
      ],
      { labels: ['cat', 'dog'] },
    );
    expect(svgProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['cat', 'dog', '0.0%', '33.3%']));
    expect(() => confusionMatrixSvg([[1, 2]])).toThrow(/must be square/);
    expect(() => confusionMatrixSvg([[-1]])).toThrow(/matrix\[0\]\[0\] is -1/);
  });
});
