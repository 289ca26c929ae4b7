/** Argument checks shared by the transformations and schedules; each names the function. */

/** Throws unless `value` is a finite number in `[lo, hi]` (or `[lo, hi)` when `hiOpen`). */
export function checkRange(
  op: string,
  name: string,
  value: number,
  lo: number,
  hi: number,
  hiOpen = false,
): void {
  const inside = value >= lo && (hiOpen ? value < hi : value <= hi) && Number.isFinite(value);
  if (!inside) {
    throw new RangeError(
      `${op}: ${name} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${value}`,
    );
  }
}

/** Throws unless `value` is finite and `>= 0`. */
export function checkNonNegative(op: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${op}: ${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Throws unless `value` is finite and `> 0`. */
export function checkPositive(op: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${op}: ${name} must be a finite number > 0, got ${value}`);
  }
}

/** Throws unless `value` is a finite number. */
export function checkFiniteNumber(op: string, name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${op}: ${name} must be a finite number, got ${value}`);
  }
}

/** Throws unless `value` is an integer `>= 0` (a step count or a number of steps). */
export function checkStepCount(op: string, name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new RangeError(`${op}: ${name} must be an integer >= 0, got ${value}`);
  }
}
