// Schedules against their closed forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  inverseTimeDecay,
  joinSchedules,
  lecun1998Schedule,
  linearSchedule,
  linearWarmup,
  piecewiseConstant,
  warmupCosineDecay,
} from '../src/index.js';

const counts = fc.integer({ min: 0, max: 100_000 });
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 12);

describe('closed forms', () => {
  it('constant', () => {
    fc.assert(
      fc.property(counts, (t) => {
        expect(constantSchedule(0.3)(t)).toBe(0.3);
      }),
    );
  });

  it('exponential decay: init * rate^(t / T), floored with staircase, bounded by endValue', () => {
    const smooth = exponentialDecay({ initValue: 0.1, decayRate: 0.5, transitionSteps: 100 });
    const stairs = exponentialDecay({
      initValue: 0.1,
      decayRate: 0.5,
      transitionSteps: 100,
      staircase: true,
    });
    fc.assert(
      fc.property(counts, (t) => {
        close(smooth(t), 0.1 * 0.5 ** (t / 100));
        close(stairs(t), 0.1 * 0.5 ** Math.floor(t / 100));
      }),
    );
    const delayed = exponentialDecay({
      initValue: 1,
      decayRate: 0.1,
      transitionSteps: 10,
      transitionBegin: 50,
      endValue: 0.01,
    });
    [1, 1, 0.1, 0.01, 0.01].forEach((value, i) => {
      close(delayed([0, 50, 60, 70, 1000][i]!), value);
    });
    const growing = exponentialDecay({
      initValue: 1,
      decayRate: 2,
      transitionSteps: 1,
      endValue: 5,
    });
    expect([0, 1, 2, 3].map(growing)).toEqual([1, 2, 4, 5]);
  });

  it('inverse-time decay: init / (1 + rate t / T)', () => {
    const smooth = inverseTimeDecay({ initValue: 0.1, decayRate: 0.5, decaySteps: 10 });
    const stairs = inverseTimeDecay({
      initValue: 0.1,
      decayRate: 0.5,
      decaySteps: 10,
      staircase: true,
    });
    fc.assert(
      fc.property(counts, (t) => {
        close(smooth(t), 0.1 / (1 + (0.5 * t) / 10));
        close(stairs(t), 0.1 / (1 + 0.5 * Math.floor(t / 10)));
      }),
    );
  });

  it('piecewise constant: values[number of boundaries <= t]', () => {
    const s = piecewiseConstant({ values: [3, 2, 1], boundaries: [10, 20] });
    expect([0, 9, 10, 19, 20, 1e9].map(s)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(piecewiseConstant({ values: [7], boundaries: [] })(5)).toBe(7);
  });

  it("LeCun et al. 1998's schedule: 2 passes at 5e-4, 3 at 2e-4, 3 at 1e-4, 4 at 5e-5, then 1e-5", () => {
    const perPass = 250;
    const s = lecun1998Schedule(perPass);
    const byPass = Array.from({ length: 20 }, (_, pass) => s(pass * perPass));
    expect(byPass).toEqual([
      ...[5e-4, 5e-4],
      ...[2e-4, 2e-4, 2e-4],
      ...[1e-4, 1e-4, 1e-4],
      ...[5e-5, 5e-5, 5e-5, 5e-5],
      ...Array(8).fill(1e-5),
    ]);
    // Within a pass the rate is constant; it changes at the first update of a pass.
    expect(s(2 * perPass - 1)).toBe(5e-4);
    expect(s(2 * perPass)).toBe(2e-4);
    expect(s(12 * perPass - 1)).toBe(5e-5);
    expect(s(12 * perPass)).toBe(1e-5);
    expect(() => lecun1998Schedule(0)).toThrow('lecun1998Schedule: stepsPerEpoch');
    expect(() => lecun1998Schedule(2.5)).toThrow('must be an integer');
  });

  it('cosine decay: init ((1 - alpha) ((1 + cos(pi t / T)) / 2)^p + alpha), constant after T', () => {
    const s = cosineDecay({ initValue: 2, decaySteps: 1000, alpha: 0.1, exponent: 2 });
    fc.assert(
      fc.property(counts, (t) => {
        const c = (1 + Math.cos((Math.PI * Math.min(t, 1000)) / 1000)) / 2;
        close(s(t), 2 * (0.9 * c ** 2 + 0.1));
      }),
    );
    const plain = cosineDecay({ initValue: 0.1, decaySteps: 100 });
    close(plain(0), 0.1);
    close(plain(50), 0.05);
    close(plain(100), 0);
  });

  it('linear: from init to end over T steps after begin, constant outside', () => {
    const s = linearSchedule({
      initValue: 1,
      endValue: 3,
      transitionSteps: 20,
      transitionBegin: 10,
    });
    fc.assert(
      fc.property(counts, (t) => {
        close(s(t), 1 + 2 * Math.min(Math.max((t - 10) / 20, 0), 1));
      }),
    );
  });

  it('linear warm-up: 0 to the peak, then the peak', () => {
    const s = linearWarmup({ peakValue: 0.1, warmupSteps: 100 });
    expect([0, 100, 5000].map(s)).toEqual([0, 0.1, 0.1]);
    close(s(25), 0.025);
    close(linearWarmup({ peakValue: 1, warmupSteps: 10, initValue: 0.5 })(5), 0.75);
  });
});

describe('joining schedules', () => {
  it('runs each schedule from its own start', () => {
    const s = joinSchedules([constantSchedule(1), (t) => 10 + t, (t) => 100 + t], [5, 8]);
    expect([0, 4, 5, 7, 8, 20].map(s)).toEqual([1, 1, 10, 12, 100, 112]);
  });

  it('warm-up then cosine decay is continuous and reaches its ends', () => {
    const s = warmupCosineDecay({
      peakValue: 1e-3,
      warmupSteps: 100,
      decaySteps: 1100,
      endValue: 1e-5,
    });
    close(s(0), 0);
    close(s(50), 5e-4);
    close(s(100), 1e-3);
    close(s(600), 1e-5 + (1e-3 - 1e-5) / 2);
    close(s(1100), 1e-5);
    close(s(5000), 1e-5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), (t) => {
        expect(Math.abs(s(t) - s(t - 1))).toBeLessThanOrEqual(1e-5 + 1e-12);
      }),
    );
    expect(() => warmupCosineDecay({ peakValue: 1, warmupSteps: 10, decaySteps: 10 })).toThrow(
      'warmupCosineDecay: decaySteps (10) must exceed warmupSteps (10)',
    );
    close(warmupCosineDecay({ peakValue: 1, warmupSteps: 0, decaySteps: 10 })(0), 1);
  });
});

describe('schedules are pure functions of the count', () => {
  it('give the same value for the same count, in any order', () => {
    const s = warmupCosineDecay({ peakValue: 1, warmupSteps: 10, decaySteps: 100 });
    fc.assert(
      fc.property(fc.array(counts, { maxLength: 20 }), (ts) => {
        const forward = ts.map(s);
        const backward = [...ts].reverse().map(s).reverse();
        expect(forward).toEqual(backward);
      }),
    );
  });
});
