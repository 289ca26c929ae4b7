import type { FloatDType, Key } from '@tessera/random';
import { split } from '@tessera/random';
import {
  add,
  concat,
  conv2d as convolve,
  type Padding,
  reshape,
  type Tensor,
} from '@tessera/tensor';
import { zeros } from '../initializers/constant.js';
import { lecun1998Uniform } from '../initializers/lecun1998-uniform.js';
import type { Initializer } from '../initializers/types.js';
import { expectRank, positiveInteger, toPair } from '../shapes.js';
import type { Layer } from '../types.js';
import {
  type ConnectionTable,
  checkTable,
  checkTableInputs,
  countConnections,
  expandTable,
  tableIndex,
} from './connection-table.js';
import { checkPadding, resolvePadding, slidingOutput } from './conv-geometry.js';

/**
 * Options of {@link conv2d}.
 *
 * @example
 * ```ts
 * const options: Conv2dLayerOptions = { strides: 2, padding: 'same', init: heNormal };
 * ```
 */
export interface Conv2dLayerOptions {
  /** Step between windows, one number or `[h, w]`; default 1. */
  readonly strides?: number | readonly [number, number];
  /**
   * Zeros around the input: `'valid'` (none, the default, as in LeNet-5), `'same'` (output
   * size `ceil(in / stride)`), a number for all sides, `[ph, pw]`, or
   * `[[top, bottom], [left, right]]`.
   */
  readonly padding?: Padding;
  /**
   * A connection table `[filters][inChannels]`: output map `o` sees input map `c` only where
   * `table[o][c]`, as C3 of LeNet-5 ({@link LENET5_C3_TABLE}). With a table the weights are
   * stored compactly, `w` `[K, KH, KW]` with one filter per connection (see
   * {@link expandTable}), so the parameters and {@link countParams} are exactly the paper's.
   */
  readonly table?: ConnectionTable;
  /**
   * Weight initialiser; default {@link lecun1998Uniform} (LeCun et al. 1998, Appendix C).
   * The fan-in is `C * KH * KW` and the fan-out `O * KH * KW`; with a table, each output map
   * is drawn with its own fan-in (its connected maps times `KH * KW`, as the paper's
   * "number of inputs of the unit") and the fan-out is the mean over input maps.
   */
  readonly init?: Initializer;
  /** Bias initialiser; default {@link zeros}. */
  readonly biasInit?: Initializer;
  /** Add a bias per output map; default `true`. */
  readonly useBias?: boolean;
  /** dtype of the parameters; default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * Parameters of {@link conv2d}: filters `w` `[O, C, KH, KW]` (with a connection table,
 * `[K, KH, KW]`, one filter per connection) and a bias `b` `[O]`, one per output map.
 *
 * @example
 * ```ts
 * const [, p] = conv2d(6, 5).init(key(0), [1, 32, 32]);
 * p.w.shape; // [6, 1, 5, 5]
 * p.b.shape; // [6]
 * ```
 */
export interface Conv2dParams {
  /** Filters `[O, C, KH, KW]`, or `[K, KH, KW]` with a connection table. */
  readonly w: Tensor;
  /** Bias `[O]` (absent with `useBias: false`). */
  readonly b?: Tensor;
}

/**
 * A 2-D convolution layer on inputs `[C, H, W]` (channels first): `filters` output maps, each
 * the sum over its input maps of their cross-correlation with a `kernel` filter, plus a bias
 * (LeCun et al. 1998, Section II-A: local receptive fields, shared weights). Weight sharing
 * means a layer has `O * (C * KH * KW + 1)` parameters however large its input: LeNet-5's C1,
 * `conv2d(6, 5)` on `[1, 32, 32]`, has 156. A kernel larger than the (padded) input is a
 * {@link LayerShapeError} at `init`.
 *
 * @example
 * ```ts
 * const c1 = conv2d(6, 5);
 * c1.init(key(0), [1, 32, 32])[0];                            // [6, 28, 28]
 * conv2d(16, 5, { table: LENET5_C3_TABLE }).init(key(0), [6, 14, 14])[0]; // [16, 10, 10]
 * conv2d(32, [3, 3], { padding: 'same', strides: 2, init: heNormal });
 * ```
 */
export function conv2d(
  filters: number,
  kernel: number | readonly [number, number],
  options: Conv2dLayerOptions = {},
): Layer<Conv2dParams> {
  const k = toPair('conv2d', 'kernel', kernel);
  const name = `conv2d(${filters}, ${k[0]}x${k[1]})`;
  positiveInteger(name, 'filters', filters);
  const strides = toPair(name, 'strides', options.strides ?? 1);
  const padding = options.padding ?? 'valid';
  checkPadding(name, padding);
  const { table, init = lecun1998Uniform, biasInit = zeros, useBias = true } = options;
  const dtype = options.dtype ?? 'float32';
  if (table !== undefined) checkTable(name, table, filters);
  const index = table === undefined ? undefined : tableIndex(table);
  const area = k[0] * k[1];

  const drawFilters = (key: Key, channels: number): Tensor => {
    if (table === undefined) {
      return init(key, [filters, channels, k[0], k[1]], channels * area, filters * area, dtype);
    }
    // One draw per output map, with that map's own fan-in (LeCun et al. 1998, Appendix C).
    const fanOut = (countConnections(table) / channels) * area;
    const keys = split(key, filters);
    const maps = table.map((row, o) => {
      const connected = row.filter(Boolean).length;
      return init(keys[o]!, [connected, k[0], k[1]], connected * area, fanOut, dtype);
    });
    return concat(maps, 0);
  };

  return {
    init(key, inShape) {
      const shape = expectRank(name, inShape, 3, '[C, H, W]');
      if (table !== undefined) checkTableInputs(name, table, shape);
      const pads = resolvePadding(name, padding, [shape[1]!, shape[2]!], k, strides);
      const [oh, ow] = slidingOutput(name, shape, k, strides, pads);
      const [wKey, bKey] = split(key) as [Key, Key];
      const w = drawFilters(wKey, shape[0]!);
      const fanIn =
        table === undefined ? shape[0]! * area : (countConnections(table) / filters) * area;
      const params: Conv2dParams = useBias
        ? { w, b: biasInit(bKey, [filters], fanIn, filters * area, dtype) }
        : { w };
      return [[filters, oh, ow], params];
    },
    apply(params, x) {
      const w = table === undefined ? params.w : expandTable(params.w, table, index);
      const y = convolve(x, w, { strides, padding });
      return params.b === undefined ? y : add(y, reshape(params.b, [filters, 1, 1]));
    },
  };
}
