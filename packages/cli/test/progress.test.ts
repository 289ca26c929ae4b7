import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createProgressReporter,
  EpochTracker,
  formatDuration,
  formatEpochLine,
  formatLoss,
  formatPercent,
  formatProgressBar,
  formatRate,
  type ProgressSnapshot,
} from '../src/index.js';
import { captured } from './io.js';

const snapshot: ProgressSnapshot = {
  epoch: 3,
  epochs: 20,
  done: 27_000,
  total: 60_000,
  seconds: 9.5,
  loss: 0.123456,
};

describe('formatters', () => {
  it('formatDuration', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7.4)).toBe('0:07');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Number.NaN)).toBe('--:--');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
    expect(formatDuration(-1)).toBe('--:--');
  });

  it('formatLoss, formatPercent, formatRate', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatLoss(Math.LN10)).toBe('2.303');
    expect(formatLoss(0)).toBe('0.000');
    expect(formatLoss(0.0000123)).toBe('1.230e-5');
    expect(formatLoss(Number.NaN)).toBe('NaN');
    expect(formatLoss(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatPercent(0.0098)).toBe('0.98%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatRate(2841.7)).toBe('2842 img/s');
    expect(formatRate(12.34)).toBe('12.3 img/s');
    expect(formatRate(Number.NaN)).toBe('- img/s');
  });

  it('formatProgressBar shows epoch, bar, percent, counts, rate, ETA and loss', () => {
    expect(formatProgressBar(snapshot, 100)).toBe(
      'epoch 3/20 [##############----------------]  45% 27000/60000  2842 img/s  ETA 0:12  loss 0.1235',
    );
  });

  it('formatProgressBar before the first batch and at the end', () => {
    const start = { ...snapshot, done: 0, seconds: 0, loss: Number.NaN };
    expect(formatProgressBar(start, 100)).toContain('[-----');
    expect(formatProgressBar(start, 100)).toContain('0% 0/60000  - img/s  ETA --:--  loss NaN');
    const end = formatProgressBar({ ...snapshot, done: 60_000, seconds: 20 }, 100);
    expect(end).toContain(
      '[##############################] 100% 60000/60000  3000 img/s  ETA 0:00',
    );
  });

  it('formatProgressBar never exceeds the width and keeps the bar proportional', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (width, total, fraction, seconds) => {
          const done = Math.round(fraction * total);
          const line = formatProgressBar({ ...snapshot, done, total, seconds }, width);
          expect(line.length).toBeLessThanOrEqual(Math.max(width, 0));
          const bar = /\[(#*)(-*)\]/.exec(line);
          if (bar) {
            const filled = bar[1]!.length / (bar[1]!.length + bar[2]!.length);
            expect(Math.abs(filled - done / total)).toBeLessThanOrEqual(
              0.5 / (bar[1]!.length + bar[2]!.length) + 1e-9,
            );
          }
        },
      ),
    );
  });

  it('formatEpochLine', () => {
    expect(
      formatEpochLine({
        epoch: 3,
        epochs: 20,
        trainLoss: 0.05,
        valLoss: 0.04,
        valError: 0.0098,
        seconds: 41.2,
        images: 60_000,
      }),
    ).toBe('epoch 3/20  loss 0.05000  val loss 0.04000  val error 0.98%  41.2s  1456 img/s');
    expect(
      formatEpochLine({
        epoch: 1,
        epochs: 2,
        trainLoss: 0.5,
        trainError: 0.2,
        seconds: 10,
        images: 600,
      }),
    ).toBe('epoch 1/2  loss 0.5000  error 20.00%  10.0s  60.0 img/s');
  });
});

describe('EpochTracker', () => {
  it('weights the running loss by batch size and times from the start', () => {
    const tracker = new EpochTracker({ epoch: 1, epochs: 2, total: 300 }, 1000);
    expect(tracker.snapshot(1000)).toEqual({
      epoch: 1,
      epochs: 2,
      done: 0,
      total: 300,
      seconds: 0,
      loss: Number.NaN,
    });
    tracker.add(1, 100, 2000);
    expect(tracker.add(4, 50, 3000)).toEqual({
      epoch: 1,
      epochs: 2,
      done: 150,
      total: 300,
      seconds: 2,
      loss: 2,
    });
  });
});

describe('createProgressReporter', () => {
  const summary = { epoch: 1, epochs: 2, trainLoss: 0.5, seconds: 10, images: 600 };

  it('writes one plain line per epoch and no bar when not a terminal', () => {
    const out = captured({ isTTY: false });
    const progress = createProgressReporter(out);
    progress.step({ ...snapshot, epoch: 1, epochs: 2 });
    progress.epoch(summary);
    progress.message('done');
    progress.close();
    expect(out.text()).toBe('epoch 1/2  loss 0.5000  10.0s  60.0 img/s\ndone\n');
  });

  it('redraws a bar in place on a terminal, throttled, then replaces it by the epoch line', () => {
    const out = captured({ isTTY: true, columns: 101 });
    let now = 0;
    const progress = createProgressReporter(out, { now: () => now, intervalMs: 100 });
    progress.step(snapshot);
    now = 50;
    progress.step({ ...snapshot, done: 28_000 }); // too soon: skipped
    now = 150;
    progress.step({ ...snapshot, done: 29_000 });
    now = 160;
    progress.step({ ...snapshot, done: 60_000 }); // the last step is always drawn
    progress.epoch(summary);
    const writes = out
      .text()
      .split('\r\x1b[K')
      .filter((w) => w !== '');
    expect(writes).toHaveLength(4);
    expect(writes[0]).toBe(formatProgressBar(snapshot, 100));
    expect(writes[1]).toContain('29000/60000');
    expect(writes[2]).toContain('60000/60000');
    expect(writes[3]).toBe('epoch 1/2  loss 0.5000  10.0s  60.0 img/s\n');
    expect(out.text()).not.toContain('\n\r');
  });

  it('draws an 80-column bar on a terminal of unknown size (columns 0)', () => {
    const out = captured({ isTTY: true, columns: 0 });
    createProgressReporter(out, { now: () => 0 }).step(snapshot);
    expect(out.text()).toBe(`\r\x1b[K${formatProgressBar(snapshot, 79)}`);
  });

  it('clears the bar on close and before a message', () => {
    const out = captured({ isTTY: true });
    const progress = createProgressReporter(out, { now: () => 0 });
    progress.step(snapshot);
    progress.message('saved checkpoint');
    progress.step(snapshot);
    progress.close();
    expect(out.text().endsWith('\r\x1b[K')).toBe(true);
    expect(out.text()).toContain('\r\x1b[Ksaved checkpoint\n');
  });
});
