import { ShapeError, showShape } from '../errors.js';

/** Resolves a possibly negative axis against `rank`, as NumPy does. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${op}: axis ${axis} is out of range for rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves `axis` (one, several, or all when undefined) to sorted distinct axes. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  shape: readonly number[],
): number[] {
  if (axis === undefined) return shape.map((_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const axes = list.map((a) => normalizeAxis(op, a, shape.length)).sort((a, b) => a - b);
  if (axes.some((a, i) => i > 0 && a === axes[i - 1])) {
    throw new ShapeError(`${op}: repeated axis in [${list.join(',')}] for ${showShape(shape)}`);
  }
  return axes;
}
