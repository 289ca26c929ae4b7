/**
 * 2-D pooling over NCHW inputs, without padding: windows that do not fit are dropped, so the
 * output size is `floor((in - window) / stride) + 1`. Windows may overlap (stride smaller than
 * the window); the backward passes then add the contributions of every window.
 *
 * Max pooling picks each window's first maximum in row-major order within the window (ties go
 * to the earliest element); a NaN counts as a maximum and sticks, so the window's first NaN is
 * picked when it has one. `maxPool2d`, `maxPool2dGather` and `maxPool2dScatter` share this
 * choice, so the three always agree.
 */
import type { NdArray, Pool2dGeometry } from '../backend.js';
import type { Shape } from '../shape.js';
import { beats, ndarray, store } from './util.js';

interface PoolDims {
  readonly batch: number;
  readonly channels: number;
  readonly h: number;
  readonly w: number;
  readonly oh: number;
  readonly ow: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
}

function poolDims(inputShape: Shape, geometry: Pool2dGeometry): PoolDims {
  const [batch, channels, h, w] = inputShape as [number, number, number, number];
  const [kh, kw] = geometry.window;
  const [sh, sw] = geometry.strides;
  const oh = h < kh ? 0 : Math.floor((h - kh) / sh) + 1;
  const ow = w < kw ? 0 : Math.floor((w - kw) / sw) + 1;
  return { batch, channels, h, w, oh, ow, kh, kw, sh, sw };
}

/**
 * Flat index into `x` of the first maximum of the window at output position `(r, s)` of plane
 * `plane` (`n * C + c`).
 */
function windowArgmax(
  x: ArrayLike<number>,
  d: PoolDims,
  plane: number,
  r: number,
  s: number,
): number {
  const top = plane * d.h + r * d.sh;
  const left = s * d.sw;
  let bestAt = top * d.w + left;
  let best = x[bestAt]!;
  for (let i = 0; i < d.kh; i++) {
    for (let j = 0; j < d.kw; j++) {
      const at = (top + i) * d.w + left + j;
      const v = x[at]!;
      if (beats(v, best)) {
        best = v;
        bestAt = at;
      }
    }
  }
  return bestAt;
}

/** Sum over each window of `x` `[N, C, H, W]`, giving `[N, C, OH, OW]`. */
export function sumPool2d(x: NdArray, geometry: Pool2dGeometry): NdArray {
  const d = poolDims(x.shape, geometry);
  const out = new Float64Array(d.batch * d.channels * d.oh * d.ow);
  let at = 0;
  for (let plane = 0; plane < d.batch * d.channels; plane++) {
    for (let r = 0; r < d.oh; r++) {
      for (let s = 0; s < d.ow; s++) {
        let acc = 0;
        for (let i = 0; i < d.kh; i++) {
          const row = (plane * d.h + r * d.sh + i) * d.w + s * d.sw;
          for (let j = 0; j < d.kw; j++) acc += x.data[row + j]!;
        }
        out[at++] = acc;
      }
    }
  }
  return ndarray(x.dtype, [d.batch, d.channels, d.oh, d.ow], store(x.dtype, out));
}

/** Transpose of {@link sumPool2d}: adds each `dy` value to every element of its window. */
export function sumPool2dBackward(
  dy: NdArray,
  geometry: Pool2dGeometry & { readonly inputShape: Shape },
): NdArray {
  const d = poolDims(geometry.inputShape, geometry);
  const out = new Float64Array(d.batch * d.channels * d.h * d.w);
  let at = 0;
  for (let plane = 0; plane < d.batch * d.channels; plane++) {
    for (let r = 0; r < d.oh; r++) {
      for (let s = 0; s < d.ow; s++) {
        const g = dy.data[at++]!;
        for (let i = 0; i < d.kh; i++) {
          const row = (plane * d.h + r * d.sh + i) * d.w + s * d.sw;
          for (let j = 0; j < d.kw; j++) out[row + j]! += g;
        }
      }
    }
  }
  return ndarray(dy.dtype, geometry.inputShape, store(dy.dtype, out));
}

/** Maximum over each window of `x` `[N, C, H, W]`, giving `[N, C, OH, OW]`. */
export function maxPool2d(x: NdArray, geometry: Pool2dGeometry): NdArray {
  return maxPool2dGather(x, x, geometry);
}

/** For each window, `t` at the position of the window's first maximum in `x`. */
export function maxPool2dGather(x: NdArray, t: NdArray, geometry: Pool2dGeometry): NdArray {
  const d = poolDims(x.shape, geometry);
  const out = new Float64Array(d.batch * d.channels * d.oh * d.ow);
  let at = 0;
  for (let plane = 0; plane < d.batch * d.channels; plane++) {
    for (let r = 0; r < d.oh; r++) {
      for (let s = 0; s < d.ow; s++) out[at++] = t.data[windowArgmax(x.data, d, plane, r, s)]!;
    }
  }
  return ndarray(t.dtype, [d.batch, d.channels, d.oh, d.ow], store(t.dtype, out));
}

/** Transpose of {@link maxPool2dGather} in `t`: adds each `dy` at its window's first maximum. */
export function maxPool2dScatter(x: NdArray, dy: NdArray, geometry: Pool2dGeometry): NdArray {
  const d = poolDims(x.shape, geometry);
  const out = new Float64Array(d.batch * d.channels * d.h * d.w);
  let at = 0;
  for (let plane = 0; plane < d.batch * d.channels; plane++) {
    for (let r = 0; r < d.oh; r++) {
      for (let s = 0; s < d.ow; s++) out[windowArgmax(x.data, d, plane, r, s)]! += dy.data[at++]!;
    }
  }
  return ndarray(dy.dtype, x.shape, store(dy.dtype, out));
}
