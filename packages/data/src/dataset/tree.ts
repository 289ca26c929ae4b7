import { ConcreteTensor, type Tensor } from '@tessera/tensor';

/**
 * A tensor, or arrays and plain objects of them, nested: the elements that datasets batch.
 * Batching keeps the structure and gives every leaf a leading batch axis, as `tf.data` and
 * JAX's pytrees do. (Record types must be type aliases, not interfaces, to be assignable
 * here, since interfaces carry no index signature.)
 *
 * @example
 * ```ts
 * const example: TensorTree = { image: zeros([1, 28, 28]), label: tensor(3, { dtype: 'int32' }) };
 * ```
 */
export type TensorTree = Tensor | readonly TensorTree[] | { readonly [key: string]: TensorTree };

function isRecord(x: unknown): x is { readonly [key: string]: unknown } {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return (x as object).constructor?.name ?? 'object';
}

/**
 * Maps `fn` over corresponding leaves of trees with one structure; an element whose structure
 * differs from the first, or a leaf that is not a tensor with values, is a TypeError that
 * names `op` and the path.
 */
export function zipLeaves<T>(
  op: string,
  trees: readonly unknown[],
  fn: (leaves: readonly ConcreteTensor[], path: string) => ConcreteTensor,
  path = 'element',
): T {
  const first = trees[0];
  if (Array.isArray(first)) {
    for (const t of trees) {
      if (!Array.isArray(t) || t.length !== first.length) {
        throw new TypeError(
          `${op}: ${path} is an array of ${first.length} in one element but not another`,
        );
      }
    }
    return first.map((_, i) =>
      zipLeaves(
        op,
        trees.map((t) => (t as readonly unknown[])[i]),
        fn,
        `${path}[${i}]`,
      ),
    ) as T;
  }
  if (isRecord(first)) {
    const keys = Object.keys(first);
    for (const t of trees) {
      if (!isRecord(t) || Object.keys(t).length !== keys.length || keys.some((k) => !(k in t))) {
        throw new TypeError(
          `${op}: ${path} has keys {${keys.join(', ')}} in one element but not in another`,
        );
      }
    }
    const out: { [key: string]: unknown } = {};
    for (const k of keys) {
      out[k] = zipLeaves(
        op,
        trees.map((t) => (t as { readonly [key: string]: unknown })[k]),
        fn,
        `${path}.${k}`,
      );
    }
    return out as T;
  }
  for (const t of trees) {
    if (!(t instanceof ConcreteTensor)) {
      throw new TypeError(
        `${op}: ${path} must be a tensor with values (or an array or plain object of them), got ${describe(t)}`,
      );
    }
  }
  return fn(trees as readonly ConcreteTensor[], path) as T;
}

/** The number of rows (leading axis) shared by every leaf of a tree. */
export function rowCount(op: string, tree: unknown): number {
  let rows: number | undefined;
  zipLeaves(op, [tree], ([leaf], path) => {
    const n = leaf!.shape[0];
    if (n === undefined) {
      throw new TypeError(`${op}: ${path} is a scalar; every tensor needs a leading axis of rows`);
    }
    if (rows !== undefined && n !== rows) {
      throw new RangeError(`${op}: ${path} has ${n} rows, another tensor has ${rows}`);
    }
    rows = n;
    return leaf!;
  });
  if (rows === undefined) throw new TypeError(`${op}: the tree holds no tensors`);
  return rows;
}

function rowSize(t: ConcreteTensor): number {
  return t.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Row `i` of a tensor, sharing its (immutable) buffer: no copy. */
export function rowOf(t: ConcreteTensor, i: number): ConcreteTensor {
  const size = rowSize(t);
  return new ConcreteTensor({
    dtype: t.dtype,
    shape: t.shape.slice(1),
    data: t.buffer.data.subarray(i * size, (i + 1) * size),
  });
}

/** Rows `indices` of a tensor, copied into a new buffer (one block copy per row). */
export function gatherRows(t: ConcreteTensor, indices: Int32Array): ConcreteTensor {
  const size = rowSize(t);
  const src = t.buffer.data;
  const data = new (src.constructor as new (n: number) => typeof src)(indices.length * size);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    data.set(src.subarray(i * size, (i + 1) * size), r * size);
  }
  return new ConcreteTensor({ dtype: t.dtype, shape: [indices.length, ...t.shape.slice(1)], data });
}

/**
 * Tensors of one shape and dtype stacked along a new leading axis; the general path of
 * batching, for elements that do not come straight from rows of tensors.
 */
export function stackLeaves(
  op: string,
  leaves: readonly ConcreteTensor[],
  path: string,
): ConcreteTensor {
  const first = leaves[0]!;
  const shape = first.shape;
  for (const t of leaves) {
    if (
      t.dtype !== first.dtype ||
      t.shape.length !== shape.length ||
      t.shape.some((d, i) => d !== shape[i])
    ) {
      throw new TypeError(
        `${op}: ${path} is ${first.dtype} [${shape.join(',')}] in one element and ${t.dtype} [${t.shape.join(',')}] in another`,
      );
    }
  }
  const size = first.size;
  const data = new (first.buffer.data.constructor as new (n: number) => typeof first.buffer.data)(
    leaves.length * size,
  );
  leaves.forEach((t, r) => {
    data.set(t.buffer.data, r * size);
  });
  return new ConcreteTensor({ dtype: first.dtype, shape: [leaves.length, ...shape], data });
}

/**
 * Batched trees laid out as rows of one tree: output row `r` is row `local[r]` of
 * `parts[part[r]]`. Concatenated and repeated datasets gather from each part, then
 * interleave the rows back into the requested order with this.
 */
export function interleaveRows<T>(
  op: string,
  parts: readonly T[],
  part: Int32Array,
  local: Int32Array,
): T {
  return zipLeaves<T>(op, parts, (leaves, path) => {
    const first = leaves[0]!;
    const inner = first.shape.slice(1);
    for (const t of leaves) {
      const same =
        t.shape.length === first.shape.length && inner.every((d, i) => d === t.shape[i + 1]);
      if (t.dtype !== first.dtype || !same) {
        throw new TypeError(
          `${op}: ${path} is ${first.dtype} [${inner.join(',')}] in one part and ${t.dtype} [${t.shape.slice(1).join(',')}] in another`,
        );
      }
    }
    const size = rowSize(first);
    const data = new (first.buffer.data.constructor as new (n: number) => typeof first.buffer.data)(
      part.length * size,
    );
    for (let r = 0; r < part.length; r++) {
      const src = leaves[part[r]!]!.buffer.data;
      const i = local[r]!;
      data.set(src.subarray(i * size, (i + 1) * size), r * size);
    }
    return new ConcreteTensor({ dtype: first.dtype, shape: [part.length, ...inner], data });
  });
}
