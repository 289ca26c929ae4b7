import { checkFiniteNumber, checkPositive, checkStepCount } from '../checks.js';
import type { Schedule } from './schedule.js';

/** Options of {@link piecewiseConstant}. */
export type PiecewiseConstantOptions = {
  /** The value on each piece: one more value than boundaries. */
  readonly values: readonly number[];
  /** The steps at which the next piece begins, strictly increasing integers `>= 0`. */
  readonly boundaries: readonly number[];
};

/**
 * A step function: `values[k]` where `k` is the number of `boundaries` that are `<= count`, so
 * `values[0]` holds before `boundaries[0]`, `values[1]` from `boundaries[0]` on, and the last
 * value from the last boundary on.
 *
 * @throws RangeError unless there is one more value than boundaries and the boundaries are
 *   strictly increasing integers `>= 0`.
 *
 * @example
 * ```ts
 * import { piecewiseConstant } from '@tessera/optim';
 *
 * const lr = piecewiseConstant({ values: [0.1, 0.01, 0.001], boundaries: [100, 200] });
 * lr(99); // 0.1
 * lr(100); // 0.01
 * lr(250); // 0.001
 * ```
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule {
  const values = [...options.values];
  const boundaries = [...options.boundaries];
  checkPieces('piecewiseConstant', values.length, boundaries);
  values.forEach((value, i) => {
    checkFiniteNumber('piecewiseConstant', `values[${i}]`, value);
  });
  return (count) => values[pieceIndex(boundaries, count)]!;
}

/**
 * LeCun et al. 1998's schedule for the global learning rate of LeNet-5 (Section III, trained with
 * {@link sdlm}): 0.0005 for the first two passes over the training set, 0.0002 for the next
 * three, 0.0001 for the next three, 0.00005 for the next four, and 0.00001 thereafter.
 *
 * @param stepsPerEpoch - updates per pass: the training-set size divided by the batch size
 *   (60,000 in the paper, which updated after every sample).
 *
 * @example
 * ```ts
 * import { lecun1998Schedule, sdlm } from '@tessera/optim';
 *
 * const lr = lecun1998Schedule(60_000);
 * lr(0); // 0.0005
 * lr(2 * 60_000); // 0.0002 (third pass)
 * lr(12 * 60_000); // 0.00001 (from the thirteenth pass on)
 * const optimizer = sdlm(lr, { damping: 0.02 });
 * ```
 */
export function lecun1998Schedule(stepsPerEpoch: number): Schedule {
  checkPositive('lecun1998Schedule', 'stepsPerEpoch', stepsPerEpoch);
  checkStepCount('lecun1998Schedule', 'stepsPerEpoch', stepsPerEpoch);
  const passes = [2, 3, 3, 4];
  const ends = passes.map((_, i) => passes.slice(0, i + 1).reduce((a, b) => a + b, 0));
  return piecewiseConstant({
    values: [0.0005, 0.0002, 0.0001, 0.00005, 0.00001],
    boundaries: ends.map((epoch) => epoch * stepsPerEpoch),
  });
}

/** Checks that `boundaries` split the steps into `pieces` pieces, naming `op` when not. */
export function checkPieces(op: string, pieces: number, boundaries: readonly number[]): void {
  if (pieces !== boundaries.length + 1) {
    throw new RangeError(
      `${op}: expected ${boundaries.length + 1} pieces for ${boundaries.length} boundaries, got ${pieces}`,
    );
  }
  boundaries.forEach((boundary, i) => {
    checkStepCount(op, `boundaries[${i}]`, boundary);
    if (i > 0 && boundary <= boundaries[i - 1]!) {
      throw new RangeError(
        `${op}: boundaries must increase strictly, got ${boundaries[i - 1]} then ${boundary}`,
      );
    }
  });
}

/** The number of `boundaries` that are `<= count`: the index of the piece `count` is in. */
export function pieceIndex(boundaries: readonly number[], count: number): number {
  let k = 0;
  while (k < boundaries.length && boundaries[k]! <= count) k++;
  return k;
}
