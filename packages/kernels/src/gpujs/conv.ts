/**
 * 2-D convolution on gpu.js: the forward pass as a direct kernel, the input gradient as that
 * same kernel over the dilated and padded `dy` with the flipped filter, and the filter gradient
 * as a direct reduction kernel.
 *
 * Measured against im2col + matmul (the formulation of the lecture) on LeNet-5's C1 and C3 at
 * batch 128: the direct kernel does the same arithmetic per thread (one gather of the input,
 * R scalar filter loads, R multiply-adds per tap) without building the `[C*KH*KW, N*OH*OW]`
 * column matrix (2.5 M floats for C1). Forward, C1: 10.6 ms direct against 20.5 (11.9 of them
 * building the matrix); C3: 23.9 against 41.5.
 */
import type { Conv2dGeometry, NdArray } from '../backend.js';
import { chooseBlock } from './block.js';
import type { KernelSpec } from './kernel.js';
import { padMiddle } from './layout.js';
import { gpuMatmul, gpuMatmulBlocked } from './matmul.js';
import type { KernelRunner } from './runner.js';
import { declareAccumulators, returnAccumulators } from './source.js';

/** Sizes of a stride-`[sh, sw]` correlation of `[n, c, hp, wp]` (already padded) input. */
export interface ConvDims {
  readonly n: number;
  readonly c: number;
  readonly hp: number;
  readonly wp: number;
  readonly o: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly oh: number;
  readonly ow: number;
}

/** `floor((size + lo + hi - k) / stride) + 1`, or 0 when the padded input is too small. */
export function convOutSize(
  size: number,
  lo: number,
  hi: number,
  k: number,
  stride: number,
): number {
  const span = size + lo + hi - k;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

/** Taps of a window unrolled in the source at most; larger windows loop over their rows. */
const MAX_UNROLLED_TAPS = 64;

/**
 * Taps of all input channels unrolled in the forward source at most (when each channel's
 * window is): without the channel loop, LeNet-5's C3 forward (150 taps) takes 18.8 ms instead
 * of 22.4 at batch 128 (CPU time).
 */
const MAX_UNROLLED_CHANNEL_TAPS = 256;

/**
 * Statements visiting every tap `(i, j)` of a `kh x kw` window: `tap(offsetExpr, tapExpr, id)`
 * gets the tap's offset in the input plane (`i * wp + j`) and its index in the filter plane
 * (`i * kw + j`), as expressions.
 */
function taps(
  kh: number,
  kw: number,
  wp: number,
  tap: (offset: string, index: string, id: number) => string,
): string {
  let out = '';
  let id = 0;
  if (kh * kw <= MAX_UNROLLED_TAPS) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) out += tap(`${i * wp + j}`, `${i * kw + j}`, id++);
    }
    return out;
  }
  out += `for (let i = 0; i < ${kh}; i++) {\n`;
  for (let j = 0; j < kw; j++) out += tap(`i * ${wp} + ${j}`, `i * ${kw} + ${j}`, id++);
  return `${out}}\n`;
}

/**
 * The forward kernel. Threads: x = output position `(n, r, s)` flattened (the lane axis, so
 * the SIMD quads fill even when `OW` is not a multiple of 4), y = a block of `block` output
 * channels (the filter loads are then scalar). Each thread finds its input window once, with
 * float divisions that are exact at these sizes, then sums `C x KH x KW` taps, all unrolled
 * when there are at most 256 of them.
 */
export function convForwardSpec(d: ConvDims, block: number): KernelSpec {
  const ohw = d.oh * d.ow;
  const plane = d.hp * d.wp;
  const kk = d.kh * d.kw;
  const ckk = d.c * kk;
  let source = 'function(x, w) {\n';
  source += `const n = Math.floor((this.thread.x + 0.5) / ${ohw});\n`;
  source += `const t = this.thread.x - n * ${ohw};\n`;
  source += `const r = Math.floor((t + 0.5) / ${d.ow});\n`;
  source += `const base = n * ${d.c * plane} + r * ${d.sh * d.wp} + (t - r * ${d.ow}) * ${d.sw};\n`;
  source += declareAccumulators('s', block);
  const tapsOf = (channel: string, first: number) =>
    taps(d.kh, d.kw, d.wp, (offset, index, id) => {
      let out = `const v${first + id} = x[base + ${channel} * ${plane} + ${offset}];\n`;
      for (let b = 0; b < block; b++) {
        out += `s${b} += v${first + id} * w[this.thread.y * ${block * ckk} + ${b * ckk} + ${channel} * ${kk} + ${index}];\n`;
      }
      return out;
    });
  if (d.c > 1 && ckk <= MAX_UNROLLED_CHANNEL_TAPS && kk <= MAX_UNROLLED_TAPS) {
    for (let c = 0; c < d.c; c++) source += tapsOf(`${c}`, c * kk);
  } else {
    source += d.c > 1 ? `for (let c = 0; c < ${d.c}; c++) {\n${tapsOf('c', 0)}}\n` : tapsOf('0', 0);
  }
  source += `${returnAccumulators('s', block)}}`;
  return {
    source,
    arguments: ['x', 'w'],
    output: [d.n * ohw, Math.ceil(d.o / block)],
    components: block as 1 | 2 | 3 | 4,
    loopBound: Math.max(d.c, d.kh),
  };
}

/**
 * Correlates already padded `x` `[n, c, hp, wp]` with `w` `[o, c, kh, kw]` at strides
 * `[sh, sw]`, giving `[n, o, oh, ow]`.
 */
export function runConvForward(
  runner: KernelRunner,
  x: Float32Array,
  w: Float32Array,
  d: ConvDims,
): Float32Array {
  const block = chooseBlock(d.o);
  const blocks = Math.ceil(d.o / block);
  const kk = d.kh * d.kw;
  const wPadded = padMiddle(w, 1, d.o, d.c * kk, blocks * block);
  const key = `conv2d:${d.n}x${d.c}x${d.hp}x${d.wp}:${d.o}x${d.kh}x${d.kw}:${d.sh}x${d.sw}`;
  const data = runner.run(key, () => convForwardSpec(d, block), [x, wPadded]);
  // data is [blocks, n * oh * ow, block]; the result is [n, o, oh * ow].
  const ohw = d.oh * d.ow;
  const out = new Float32Array(d.n * d.o * ohw);
  for (let o = 0; o < d.o; o++) {
    const ob = Math.floor(o / block);
    const lane = o - ob * block;
    for (let n = 0; n < d.n; n++) {
      let from = (ob * d.n + n) * ohw * block + lane;
      const to = (n * d.o + o) * ohw;
      for (let t = 0; t < ohw; t++, from += block) out[to + t] = data[from]!;
    }
  }
  return out;
}

/**
 * `x` `[n, c, h, w]` with `top`/`bottom` zero rows and `left`/`right` zero columns added.
 *
 * @example
 * ```ts
 * // [1, 1, 1, 1] padded with a row below and a column on the right: [1, 1, 2, 2]
 * padSpatial(new Float32Array([1]), [1, 1, 1, 1], 0, 1, 0, 1); // [1, 0, 0, 0]
 * ```
 */
export function padSpatial(
  x: Float32Array,
  shape: readonly number[],
  top: number,
  bottom: number,
  left: number,
  right: number,
): Float32Array {
  if (top === 0 && bottom === 0 && left === 0 && right === 0) return x;
  const [n, c, h, w] = shape as [number, number, number, number];
  const hp = h + top + bottom;
  const wp = w + left + right;
  const out = new Float32Array(n * c * hp * wp);
  for (let p = 0; p < n * c; p++) {
    for (let i = 0; i < h; i++) {
      out.set(x.subarray((p * h + i) * w, (p * h + i + 1) * w), (p * hp + i + top) * wp + left);
    }
  }
  return out;
}

/** The dimensions of `conv2d(x, w, geometry)` on the padded input. */
export function forwardDims(
  xShape: readonly number[],
  wShape: readonly number[],
  geometry: Conv2dGeometry,
): ConvDims {
  const [n, c, h, w] = xShape as [number, number, number, number];
  const [o, , kh, kw] = wShape as [number, number, number, number];
  const [sh, sw] = geometry.strides;
  const [[top, bottom], [left, right]] = geometry.padding;
  return {
    n,
    c,
    hp: h + top + bottom,
    wp: w + left + right,
    o,
    kh,
    kw,
    sh,
    sw,
    oh: convOutSize(h, top, bottom, kh, sh),
    ow: convOutSize(w, left, right, kw, sw),
  };
}

/**
 * Whether the filter covers the whole unpadded input once (LeNet-5's C5: 16@5x5 in, 120@1x1
 * out). Such a convolution is a dense layer over the `C * KH * KW` values of each sample, and
 * all three passes are matrix products: the padded-correlation form of the input gradient
 * would multiply `KH * KW` times more zeros than values (C5 at batch 128: 119 ms against 5 ms
 * as a matmul).
 */
export function isDenseWindow(d: ConvDims, geometry: Conv2dGeometry): boolean {
  const [[top, bottom], [left, right]] = geometry.padding;
  return (
    d.oh === 1 && d.ow === 1 && d.hp === d.kh && d.wp === d.kw && top + bottom + left + right === 0
  );
}

/** A float32 `[1, rows, cols]` view of `data` for `gpuMatmul`. */
function matrix(data: Float32Array, rows: number, cols: number): NdArray {
  return { dtype: 'float32', shape: [1, rows, cols], data };
}

/** A dense-window `conv2d`: `y[n, o] = sum_k x[n, k] w[o, k]`, i.e. `x w^T`. */
function denseForward(runner: KernelRunner, x: NdArray, w: NdArray, d: ConvDims): Float32Array {
  const k = d.c * d.kh * d.kw;
  const a = matrix(x.data as Float32Array, d.n, k);
  const b = matrix(w.data as Float32Array, d.o, k);
  const dims = { batch: 1, m: d.n, k, n: d.o, transposeA: false, transposeB: true };
  return gpuMatmul(runner, a, b, dims);
}

/** `conv2d` forward on gpu.js (float32, every size positive). */
export function gpuConv2d(
  runner: KernelRunner,
  x: NdArray,
  w: NdArray,
  geometry: Conv2dGeometry,
): Float32Array {
  const d = forwardDims(x.shape, w.shape, geometry);
  if (isDenseWindow(d, geometry)) return denseForward(runner, x, w, d);
  const [[top, bottom], [left, right]] = geometry.padding;
  const xp = padSpatial(x.data as Float32Array, x.shape, top, bottom, left, right);
  return runConvForward(runner, xp, w.data as Float32Array, d);
}

/** The geometry of an input gradient: the forward convolution's, and the input's shape. */
type InputGradientGeometry = Conv2dGeometry & { readonly inputShape: readonly number[] };

/** How {@link gpuConv2dBackwardInput} computes `dx`: see {@link inputGradientRoute}. */
export type InputGradientRoute = 'dense' | 'columns' | 'padded';

/**
 * The cheaper formulation of the input gradient of a convolution with dimensions `d`:
 * - `dense` when the window covers the whole input (see {@link isDenseWindow});
 * - `columns`: `cols = W^T dy[n]` per sample (a `C*KH*KW x O` by `O x OH*OW` product, the
 *   transpose of im2col's), then col2im adds each column into its window of `dx`.
 *   Multiply-adds: `N * OH * OW * C*KH*KW * O`, plus `N * OH * OW * C*KH*KW` additions for
 *   col2im and as many copies;
 * - `padded`: the correlation of the dilated, padded `dy` with the flipped filter. Multiply-adds:
 *   `N * H * W * C*KH*KW * O`, one per tap of every `dx` position, zeros included.
 *
 * Columns win when the output is smaller than the input: a valid 5x5 convolution on 14x14
 * (LeNet-5's C3) has 100 outputs for 196 inputs, so the padded form spends half its
 * multiply-adds on zeros; a strided one wastes `s^2 - 1` of every `s^2`. Measured at batch 128
 * (`pnpm --filter @tessera/kernels bench`), C3's input gradient: see the kernels README.
 */
export function inputGradientRoute(d: ConvDims, geometry: Conv2dGeometry): InputGradientRoute {
  if (isDenseWindow(d, geometry)) return 'dense';
  const h = d.hp - geometry.padding[0][0] - geometry.padding[0][1];
  const w = d.wp - geometry.padding[1][0] - geometry.padding[1][1];
  // Per (sample, filter tap): columns cost O multiply-adds and 2 passes per output position,
  // padded costs O multiply-adds per input position.
  return d.oh * d.ow * (d.o + 2) < h * w * d.o ? 'columns' : 'padded';
}

/**
 * `conv2dBackwardInput` on gpu.js, by the route {@link inputGradientRoute} picks. `route`
 * forces one (the tests compare every route with the reference).
 */
export function gpuConv2dBackwardInput(
  runner: KernelRunner,
  dy: NdArray,
  w: NdArray,
  geometry: InputGradientGeometry,
  route: InputGradientRoute = inputGradientRoute(
    forwardDims(geometry.inputShape, w.shape, geometry),
    geometry,
  ),
): Float32Array {
  switch (route) {
    case 'dense':
      return denseBackwardInput(runner, dy, w, geometry.inputShape);
    case 'columns':
      return columnsBackwardInput(runner, dy, w, geometry);
    case 'padded':
      return paddedBackwardInput(runner, dy, w, geometry);
  }
}

/** The input gradient of a dense-window convolution: `dx[n, k] = sum_o dy[n, o] w[o, k]`, i.e. `dy w`. */
function denseBackwardInput(
  runner: KernelRunner,
  dy: NdArray,
  w: NdArray,
  inputShape: readonly number[],
): Float32Array {
  const [n, c, kh, kw] = inputShape as [number, number, number, number];
  const o = w.shape[0]!;
  const k = c * kh * kw;
  const dims = { batch: 1, m: n, k: o, n: k, transposeA: false, transposeB: false };
  const a = matrix(dy.data as Float32Array, n, o);
  return gpuMatmul(runner, a, matrix(w.data as Float32Array, o, k), dims);
}

/** The sizes an input gradient needs, named as in the formulas of this file. */
function gradientSizes(dy: NdArray, w: NdArray, geometry: InputGradientGeometry) {
  const [n, c, h, wd] = geometry.inputShape as [number, number, number, number];
  const [o, , kh, kw] = w.shape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const [sh, sw] = geometry.strides;
  const [[top], [left]] = geometry.padding;
  return { n, c, h, wd, o, kh, kw, oh, ow, sh, sw, top, left };
}

/**
 * The input gradient as `cols[n, (c, i, j), (r, s)] = sum_o w[o, (c, i, j)] dy[n, o, (r, s)]`,
 * one product `W^T dy[n]` per sample, then col2im:
 * `dx[n, c, r*sh + i - top, s*sw + j - left] += cols[n, (c, i, j), r, s]` where inside `dx`.
 * col2im reads the product in the kernel's blocked layout, so `cols` is written once and read
 * once.
 */
function columnsBackwardInput(
  runner: KernelRunner,
  dy: NdArray,
  w: NdArray,
  geometry: InputGradientGeometry,
): Float32Array {
  const sizes = gradientSizes(dy, w, geometry);
  const { n, c, o, kh, kw, oh, ow } = sizes;
  const ckk = c * kh * kw;
  const ohw = oh * ow;
  const dims = {
    batch: n,
    m: ckk,
    k: o,
    n: ohw,
    transposeA: true,
    transposeB: false,
    sharedA: true,
  };
  const a: NdArray = { dtype: 'float32', shape: [1, o, ckk], data: w.data };
  const b: NdArray = { dtype: 'float32', shape: [n, o, ohw], data: dy.data };
  const { data: cols, block } = gpuMatmulBlocked(runner, a, b, dims);
  return col2imBlocked(cols, block, sizes);
}

/**
 * col2im from the matmul kernel's blocked layout (`[n, ceil(CKK / block), OH*OW, block]`):
 * adds each column `(c, i, j)` of each sample into its window of a fresh `dx`.
 */
function col2imBlocked(
  cols: Float32Array,
  block: number,
  { n, c, h, wd, kh, kw, oh, ow, sh, sw, top, left }: ReturnType<typeof gradientSizes>,
): Float32Array {
  const ohw = oh * ow;
  const blocks = Math.ceil((c * kh * kw) / block);
  const dx = new Float32Array(n * c * h * wd);
  // Output columns s whose input column s*sw + j - left is inside [0, wd), per tap column j.
  const first = (j: number) => Math.max(0, Math.ceil((left - j) / sw));
  const last = (j: number) => Math.min(ow, Math.floor((wd - 1 + left - j) / sw) + 1);
  for (let nn = 0; nn < n; nn++) {
    for (let cc = 0; cc < c; cc++) {
      const plane = (nn * c + cc) * h * wd;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const row = (cc * kh + i) * kw + j;
          const lane = row % block;
          const start = (nn * blocks + (row - lane) / block) * ohw * block + lane;
          const s0 = first(j);
          const s1 = last(j);
          for (let r = 0; r < oh; r++) {
            const y = r * sh + i - top;
            if (y < 0 || y >= h) continue;
            const src = start + r * ow * block;
            const dst = plane + y * wd + j - left;
            for (let s = s0; s < s1; s++) {
              dx[dst + s * sw] = dx[dst + s * sw]! + cols[src + s * block]!;
            }
          }
        }
      }
    }
  }
  return dx;
}

/**
 * The input gradient as the stride-1 correlation of `dy` (dilated by the strides and padded by
 * `k - 1 - pad` on the low side) with the filter flipped in space and with its two channel
 * axes swapped. A stride `s` convolution thus wastes `s^2 - 1` of every `s^2` multiplications
 * on inserted zeros.
 */
function paddedBackwardInput(
  runner: KernelRunner,
  dy: NdArray,
  w: NdArray,
  geometry: InputGradientGeometry,
): Float32Array {
  const { n, c, h, wd, o, kh, kw, oh, ow, sh, sw, top, left } = gradientSizes(dy, w, geometry);
  const hq = h + kh - 1;
  const wq = wd + kw - 1;
  const loH = kh - 1 - top;
  const loW = kw - 1 - left;
  const dyd = dy.data as Float32Array;
  // P[n, o, r * sh + loH, s * sw + loW] = dy[n, o, r, s]; positions outside P reach no dx.
  const p = new Float32Array(n * o * hq * wq);
  for (let plane = 0; plane < n * o; plane++) {
    for (let r = 0; r < oh; r++) {
      const row = r * sh + loH;
      if (row < 0 || row >= hq) continue;
      for (let s = 0; s < ow; s++) {
        const col = s * sw + loW;
        if (col < 0 || col >= wq) continue;
        p[(plane * hq + row) * wq + col] = dyd[(plane * oh + r) * ow + s]!;
      }
    }
  }
  // wT[c, o, i, j] = w[o, c, kh - 1 - i, kw - 1 - j].
  const wData = w.data as Float32Array;
  const wT = new Float32Array(wData.length);
  for (let oo = 0; oo < o; oo++) {
    for (let cc = 0; cc < c; cc++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          wT[((cc * o + oo) * kh + i) * kw + j] =
            wData[((oo * c + cc) * kh + (kh - 1 - i)) * kw + (kw - 1 - j)]!;
        }
      }
    }
  }
  const d: ConvDims = { n, c: o, hp: hq, wp: wq, o: c, kh, kw, sh: 1, sw: 1, oh: h, ow: wd };
  return runConvForward(runner, p, wT, d);
}

/**
 * Output positions one filter-gradient thread sums at most when they are written out. gpu.js
 * types loop counters as floats, so a loop over positions turns every `dy` index into float
 * arithmetic converted per load; written out, the index is integer arithmetic V8 folds.
 */
const MAX_FILTER_STEPS = 128;

/**
 * Output rows one filter-gradient thread sums: the largest divisor of `oh` whose rows hold at
 * most {@link MAX_FILTER_STEPS} positions, or 1 when one row alone holds more (its columns are
 * then a loop).
 *
 * @example
 * ```ts
 * filterRowsPerThread(28, 28); // 4: 112 positions, and 7 chunks cover LeNet-5's C1 output
 * filterRowsPerThread(10, 10); // 10: C3's whole output
 * ```
 */
export function filterRowsPerThread(oh: number, ow: number): number {
  let rows = 1;
  for (let r = 1; r <= oh; r++) if (oh % r === 0 && r * ow <= MAX_FILTER_STEPS) rows = r;
  return rows;
}

/** How the filter-gradient kernel splits its sum over `(n, r, s)`. */
export interface FilterSplit {
  /** Output channels per thread (the `Array(block)` return). */
  readonly block: number;
  /** Blocks of output channels, `ceil(O / block)`. */
  readonly blocks: number;
  /** Output rows per thread. */
  readonly rows: number;
  /** Row chunks, `OH / rows`. */
  readonly chunks: number;
}

/** The split of {@link convFilterSpec}: {@link chooseBlock} channels, {@link filterRowsPerThread} rows. */
export function filterSplit(d: ConvDims): FilterSplit {
  const block = chooseBlock(d.o);
  const rows = filterRowsPerThread(d.oh, d.ow);
  return { block, blocks: Math.ceil(d.o / block), rows, chunks: d.oh / rows };
}

/**
 * The filter-gradient kernel. Threads: x = filter tap `(c, i, j)` flattened (the lane axis),
 * y = `(sample, row chunk, block of output channels)` flattened. Each thread sums
 * `x[n, c, r*sh + i, s*sw + j] * dy[n, o, r, s]` over the positions `(r, s)` of its chunk,
 * all written out when they fit (see {@link MAX_FILTER_STEPS}); `dy` comes laid out by
 * {@link filterGradientLayout} so that its index is `y * S + constant`, one thread id and
 * integer arithmetic (with the sample on a third thread axis, 5% slower on C3). The partial
 * sums (one per sample and chunk, at most 128 float32 terms each) are added in float64 by
 * {@link sumFilterPartials}.
 */
export function convFilterSpec(d: ConvDims, split: FilterSplit): KernelSpec {
  const { block, blocks, rows } = split;
  const plane = d.hp * d.wp;
  const kk = d.kh * d.kw;
  const chunkSize = block * rows * d.ow;
  let source = 'function(x, dy) {\n';
  source += `const c = Math.floor((this.thread.x + 0.5) / ${kk});\n`;
  source += `const rem = this.thread.x - c * ${kk};\n`;
  source += `const i = Math.floor((rem + 0.5) / ${d.kw});\n`;
  source += `const n = Math.floor((this.thread.y + 0.5) / ${split.chunks * blocks});\n`;
  source += `const chunk = Math.floor((this.thread.y + 0.5) / ${blocks}) - n * ${split.chunks};\n`;
  source += `const base = n * ${d.c * plane} + chunk * ${rows * d.sh * d.wp} + c * ${plane} + i * ${d.wp} + (rem - i * ${d.kw});\n`;
  source += declareAccumulators('s', block);
  const dyBase = `this.thread.y * ${chunkSize}`;
  const position = (r: number, s: string, id: string): string => {
    let out = `const v${id} = x[base + ${r * d.sh * d.wp} + ${s} * ${d.sw}];\n`;
    for (let b = 0; b < block; b++) {
      out += `s${b} += v${id} * dy[${dyBase} + ${(b * rows + r) * d.ow} + ${s}];\n`;
    }
    return out;
  };
  for (let r = 0; r < rows; r++) {
    if (rows * d.ow <= MAX_FILTER_STEPS) {
      for (let s = 0; s < d.ow; s++) source += position(r, `${s}`, `${r * d.ow + s}`);
    } else {
      source += `for (let s = 0; s < ${d.ow}; s++) {\n${position(r, 's', `${r}`)}}\n`;
    }
  }
  source += `${returnAccumulators('s', block)}}`;
  return {
    source,
    arguments: ['x', 'dy'],
    output: [d.c * kk, d.n * split.chunks * blocks],
    components: block as 1 | 2 | 3 | 4,
    loopBound: d.ow,
  };
}

/**
 * `dy` `[n, o, oh, ow]` laid out `[n, chunk, block of channels, channel in block, row in chunk,
 * ow]`, channels past `o` zero: what {@link convFilterSpec} reads.
 */
export function filterGradientLayout(
  dy: Float32Array,
  d: ConvDims,
  split: FilterSplit,
): Float32Array {
  const { block, blocks, rows, chunks } = split;
  const out = new Float32Array(d.n * chunks * blocks * block * rows * d.ow);
  for (let n = 0; n < d.n; n++) {
    for (let o = 0; o < d.o; o++) {
      const ob = Math.floor(o / block);
      for (let r = 0; r < d.oh; r++) {
        const chunk = Math.floor(r / rows);
        const to =
          ((((n * chunks + chunk) * blocks + ob) * block + (o - ob * block)) * rows +
            (r - chunk * rows)) *
          d.ow;
        const from = ((n * d.o + o) * d.oh + r) * d.ow;
        out.set(dy.subarray(from, from + d.ow), to);
      }
    }
  }
  return out;
}

/**
 * `dw` `[o, c * kh * kw]` from the kernel's partial sums `[n, chunk, block of channels, tap,
 * channel in block]`, added over samples and chunks in float64.
 */
export function sumFilterPartials(
  partials: Float32Array,
  d: ConvDims,
  split: FilterSplit,
): Float32Array {
  const { block, blocks } = split;
  const taps = d.c * d.kh * d.kw;
  const sums = new Float64Array(blocks * block * taps);
  const groups = d.n * split.chunks;
  for (let g = 0; g < groups; g++) {
    for (let ob = 0; ob < blocks; ob++) {
      let from = (g * blocks + ob) * taps * block;
      for (let t = 0; t < taps; t++) {
        for (let b = 0; b < block; b++, from++) {
          const to = (ob * block + b) * taps + t;
          sums[to] = sums[to]! + partials[from]!;
        }
      }
    }
  }
  return Float32Array.from(sums.subarray(0, d.o * taps));
}

/** `conv2dBackwardFilter` on gpu.js (float32, every size positive). */
export function gpuConv2dBackwardFilter(
  runner: KernelRunner,
  x: NdArray,
  dy: NdArray,
  geometry: Conv2dGeometry & { readonly filterShape: readonly number[] },
): Float32Array {
  const d = forwardDims(x.shape, geometry.filterShape, geometry);
  if (isDenseWindow(d, geometry)) {
    // dw[o, k] = sum_n dy[n, o] x[n, k]: dy^T x.
    const k = d.c * d.kh * d.kw;
    const dims = { batch: 1, m: d.o, k: d.n, n: k, transposeA: true, transposeB: false };
    const a = matrix(dy.data as Float32Array, d.n, d.o);
    return gpuMatmul(runner, a, matrix(x.data as Float32Array, d.n, k), dims);
  }
  const [[top, bottom], [left, right]] = geometry.padding;
  const xp = padSpatial(x.data as Float32Array, x.shape, top, bottom, left, right);
  const split = filterSplit(d);
  const dyLaid = filterGradientLayout(dy.data as Float32Array, d, split);
  const key = `conv2dFilter:${d.n}x${d.c}x${d.hp}x${d.wp}:${d.o}x${d.kh}x${d.kw}:${d.sh}x${d.sw}`;
  const partials = runner.run(key, () => convFilterSpec(d, split), [xp, dyLaid]);
  return sumFilterPartials(partials, d, split);
}
