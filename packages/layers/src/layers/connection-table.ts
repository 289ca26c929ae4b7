import { concat, reshape, type Tensor, take, tensor, zeros } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from '../errors.js';
import { showShape } from '../shapes.js';

/**
 * A connection table: `table[o][c]` is `true` where output map `o` sees input map `c`.
 *
 * @example
 * ```ts
 * const table: ConnectionTable = [[true, false], [true, true]];
 * ```
 */
export type ConnectionTable = readonly (readonly boolean[])[];

/**
 * Table I of LeCun et al. 1998 (Section II-B): which of the 6 feature maps of S2 each of the
 * 16 feature maps of C3 combines. `LENET5_C3_TABLE[o][c]` is `true` where C3 map `o` sees S2
 * map `c`. Maps 0-5 see 3 contiguous maps, 6-11 see 4 contiguous maps, 12-14 see 4
 * discontinuous maps, and 15 sees all 6: 60 connections in all, so C3 has
 * `60 * 25 + 16 = 1,516` trainable parameters. The paper's reasons: fewer connections, and
 * broken symmetry, "different feature maps are forced to extract different (hopefully
 * complementary) features because they get different sets of inputs".
 *
 * (The paper prints the table with the S2 maps as rows and the C3 maps as columns; this is its
 * transpose, in the `[out][in]` layout of a filter `[O, C, KH, KW]`.)
 *
 * @example
 * ```ts
 * const c3 = conv2d(16, 5, { table: LENET5_C3_TABLE }); // 1,516 parameters on [6, 14, 14]
 * LENET5_C3_TABLE[15].every(Boolean); // true: the last map sees all six
 * ```
 */
export const LENET5_C3_TABLE: readonly (readonly boolean[])[] = Object.freeze(
  [
    // S2 map: 0 1 2 3 4 5     (an X in Table I)
    'XXX...', // C3 map 0
    '.XXX..', // 1
    '..XXX.', // 2
    '...XXX', // 3
    'X...XX', // 4
    'XX...X', // 5
    'XXXX..', // 6
    '.XXXX.', // 7
    '..XXXX', // 8
    'X..XXX', // 9
    'XX..XX', // 10
    'XXX..X', // 11
    'XX.XX.', // 12
    '.XX.XX', // 13
    'X.XX.X', // 14
    'XXXXXX', // 15
  ].map((row) => Object.freeze([...row].map((c) => c === 'X'))),
);

/** A table checked at construction: `filters` rows of one length, no row without a connection. */
export function checkTable(layer: string, table: ConnectionTable, filters: number): void {
  const inputs = table[0]?.length ?? 0;
  if (
    table.length !== filters ||
    inputs === 0 ||
    table.some((row) => row.length !== inputs || row.some((v) => typeof v !== 'boolean'))
  ) {
    throw new LayerConfigError(
      `${layer}: the connection table must be ${filters} rows (one per output map) of booleans, one per input map, all of one length; got ${table.length} rows of lengths ${JSON.stringify(table.map((r) => r.length))}`,
    );
  }
  const empty = table.findIndex((row) => !row.includes(true));
  if (empty >= 0) {
    throw new LayerConfigError(`${layer}: output map ${empty} has no connection in the table`);
  }
}

/** Checks that a table fits inputs with `channels` maps (at init time). */
export function checkTableInputs(
  layer: string,
  table: ConnectionTable,
  inShape: readonly number[],
): void {
  const inputs = table[0]!.length;
  if (inShape[0] !== inputs) {
    throw new LayerShapeError(
      `${layer}: the connection table has ${inputs} input maps, but the input ${showShape(inShape)} has ${inShape[0]} channels`,
    );
  }
}

/** The number of `true` entries of a table: the connections that carry a filter. */
export function countConnections(table: ConnectionTable): number {
  return table.reduce((n, row) => n + row.filter(Boolean).length, 0);
}

/**
 * For each (o, c) in row-major order, the row of the compact filter it uses, or `K` (the
 * number of connections, a row of zeros) where the table has no connection.
 */
export function tableIndex(table: ConnectionTable): Tensor {
  const k = countConnections(table);
  let next = 0;
  const index = table.flatMap((row) => row.map((on) => (on ? next++ : k)));
  return tensor(Int32Array.from(index), { shape: [index.length] });
}

/**
 * The full filter bank `[O, C, KH, KW]` of a convolution with a connection table, from its
 * compact weights `[K, KH, KW]` (one `KH x KW` filter per `true` entry of the table, in
 * row-major order: output map by output map, input maps in order), with zeros where the
 * table has no connection. This is how {@link conv2d} applies a table; use it to inspect or
 * plot C3's filters.
 *
 * @example
 * ```ts
 * const [, p] = conv2d(16, 5, { table: LENET5_C3_TABLE }).init(key(0), [6, 14, 14]);
 * p.w.shape;                                     // [60, 5, 5]
 * expandTable(p.w, LENET5_C3_TABLE).shape;       // [16, 6, 5, 5]
 * ```
 */
export function expandTable(w: Tensor, table: ConnectionTable, index?: Tensor): Tensor {
  const k = countConnections(table);
  const o = table.length;
  const c = table[0]?.length ?? 0;
  if (w.rank !== 3 || w.shape[0] !== k) {
    throw new LayerShapeError(
      `expandTable: compact weights must be [${k},KH,KW] for a table with ${k} connections, got ${showShape(w.shape)}`,
    );
  }
  const [, kh, kw] = w.shape as [number, number, number];
  const rows = concat([reshape(w, [k, kh * kw]), zeros([1, kh * kw], { dtype: w.dtype })], 0);
  return reshape(take(rows, index ?? tableIndex(table), { axis: 0 }), [o, c, kh, kw]);
}
