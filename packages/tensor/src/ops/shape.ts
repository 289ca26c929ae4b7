import { type Shape, sizeOf } from '@tessera/kernels';
import { ShapeError, showShape } from '../errors.js';
import { bind } from '../interpreter.js';
import type { Tensor } from '../tensor.js';
import { tensor } from './creation.js';
import { normalizeAxes, normalizeAxis } from './util.js';

/**
 * The shape NumPy broadcasting gives to operands of `shapes`: align them on the right; each
 * axis must be 1 or agree.
 *
 * @example
 * ```ts
 * broadcastShapes('add', [2, 1, 3], [4, 1]); // [2, 4, 3]
 * ```
 */
export function broadcastShapes(op: string, ...shapes: readonly Shape[]): Shape {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const e = s[s.length - rank + i] ?? 1;
      if (e !== 1 && d !== 1 && e !== d) {
        throw new ShapeError(
          `${op}: shapes ${shapes.map(showShape).join(' and ')} cannot be broadcast together`,
        );
      }
      if (e !== 1) d = e;
    }
    out.push(d);
  }
  return out;
}

/**
 * `x` repeated along axes of length 1 (and new leading axes) to reach `shape`, as NumPy's
 * `broadcast_to`.
 *
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2]), [2, 2]); // [[1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (sameShape(x.shape, shape)) return x;
  if (x.rank > shape.length) {
    throw new ShapeError(
      `broadcastTo: cannot broadcast ${showShape(x.shape)} to ${showShape(shape)}`,
    );
  }
  const lifted = reshape(x, [...new Array<number>(shape.length - x.rank).fill(1), ...x.shape]);
  if (lifted.shape.some((d, i) => d !== 1 && d !== shape[i])) {
    throw new ShapeError(
      `broadcastTo: cannot broadcast ${showShape(x.shape)} to ${showShape(shape)}`,
    );
  }
  return sameShape(lifted.shape, shape)
    ? lifted
    : bind('broadcast', [lifted], { shape: [...shape] });
}

/** Whether two shapes are equal. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * `x` with a new shape of the same size; one entry may be `-1`, inferred from the others.
 *
 * @example
 * ```ts
 * reshape(arange(6), [2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new ShapeError(`reshape: at most one -1 in ${showShape(shape)}`);
  let resolved = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${showShape(x.shape)} to ${showShape(shape)}`);
    }
    resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  return sameShape(x.shape, resolved) ? x : bind('reshape', [x], { shape: resolved });
}

/**
 * Permutes the axes: output axis `i` is input axis `perm[i]` (default: reversed).
 *
 * @example
 * ```ts
 * transpose(zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 * ```
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm
    ? perm.map((a) => normalizeAxis('transpose', a, x.rank))
    : x.shape.map((_, i) => x.rank - 1 - i);
  return p.every((a, i) => a === i) && p.length === x.rank
    ? x
    : bind('transpose', [x], { perm: p });
}

/**
 * Inserts an axis of length 1 at `axis` (negative counts from the end of the result).
 *
 * @example
 * ```ts
 * expandDims(zeros([2, 3]), -1).shape; // [2, 3, 1]
 * ```
 */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis('expandDims', axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/**
 * Removes axes of length 1: the given ones (an error if one is not of length 1), else all.
 *
 * @example
 * ```ts
 * squeeze(zeros([1, 3, 1])).shape; // [3]
 * ```
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes =
    axis === undefined
      ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : normalizeAxes('squeeze', axis, x.shape);
  for (const a of axes) {
    if (x.shape[a] !== 1) {
      throw new ShapeError(
        `squeeze: axis ${a} of ${showShape(x.shape)} has length ${x.shape[a]}, not 1`,
      );
    }
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/**
 * Joins tensors along an existing axis.
 *
 * @example
 * ```ts
 * concat([zeros([2, 3]), ones([1, 3])], 0).shape; // [3, 3]
 * ```
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError('concat: needs at least one tensor');
  const a = normalizeAxis('concat', axis, xs[0]!.rank);
  return xs.length === 1 ? xs[0]! : bind('concat', xs, { axis: a });
}

/**
 * Joins tensors of one shape along a new axis.
 *
 * @example
 * ```ts
 * stack([zeros([3]), ones([3])], 1).shape; // [3, 2]
 * ```
 */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError('stack: needs at least one tensor');
  const first = xs[0]!;
  for (const x of xs) {
    if (!sameShape(x.shape, first.shape)) {
      throw new ShapeError(`stack: shapes ${xs.map((t) => showShape(t.shape)).join(', ')} differ`);
    }
  }
  const a = normalizeAxis('stack', axis, first.rank + 1);
  return concat(
    xs.map((x) => expandDims(x, a)),
    a,
  );
}

/**
 * The elements from `begin` (included) to `end` (excluded) with step `strides` on each
 * axis; negative positions count from the end; axes not given are taken whole. Positions
 * outside the tensor are an error, never clamped.
 *
 * @example
 * ```ts
 * slice(arange(10), [2], [8], [3]); // [2, 5]
 * ```
 */
export function slice(
  x: Tensor,
  begin: readonly number[],
  end?: readonly (number | undefined)[],
  strides?: readonly number[],
): Tensor {
  if (begin.length > x.rank || (end?.length ?? 0) > x.rank || (strides?.length ?? 0) > x.rank) {
    throw new ShapeError(`slice: more positions than axes for ${showShape(x.shape)}`);
  }
  const resolve = (p: number, d: number): number => (p < 0 ? p + d : p);
  const b = x.shape.map((d, i) => resolve(begin[i] ?? 0, d));
  const e = x.shape.map((d, i) => resolve(end?.[i] ?? d, d));
  const s = x.shape.map((_, i) => strides?.[i] ?? 1);
  if (b.every((v) => v === 0) && e.every((v, i) => v === x.shape[i]) && s.every((v) => v === 1))
    return x;
  return bind('slice', [x], { begin: b, end: e, strides: s });
}

/**
 * Pads every axis with `widths[i] = [before, after]` elements equal to `value` (default 0).
 * A single pair applies to every axis.
 *
 * @example
 * ```ts
 * pad(ones([2]), [[1, 2]]); // [0, 1, 1, 0, 0]
 * ```
 */
export function pad(
  x: Tensor,
  widths: readonly (readonly [number, number])[],
  options: { readonly value?: number } = {},
): Tensor {
  const all = widths.length === 1 && x.rank !== 1 ? x.shape.map(() => widths[0]!) : widths;
  if (all.length !== x.rank) {
    throw new ShapeError(`pad: ${widths.length} padding pairs for ${showShape(x.shape)}`);
  }
  return bind('pad', [x], {
    low: all.map((w) => w[0]),
    high: all.map((w) => w[1]),
    value: options.value ?? 0,
  });
}

/**
 * NumPy's `take`: elements of `x` at integer `indices` along `axis` (the flattened `x` when
 * `axis` is omitted). The result has shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
 * An index outside the axis is an error.
 *
 * @example
 * ```ts
 * take(tensor([[1, 2], [3, 4]]), [1, 1, 0], { axis: 0 }); // [[3, 4], [3, 4], [1, 2]]
 * ```
 */
export function take(
  x: Tensor,
  indices: Tensor | readonly number[],
  options: { readonly axis?: number } = {},
): Tensor {
  const idx = Array.isArray(indices)
    ? tensor(indices as number[], { dtype: 'int32' })
    : (indices as Tensor);
  const source = options.axis === undefined ? reshape(x, [-1]) : x;
  const axis = normalizeAxis('take', options.axis ?? 0, source.rank);
  return bind('gather', [source, idx], { axis });
}
