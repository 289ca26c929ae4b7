/**
 * 2-D convolution (cross-correlation) over NCHW inputs and OIHW filters, with strides and
 * asymmetric zero padding, and its two gradients, all as direct loops. Every output element
 * accumulates in a double and is stored once.
 *
 * With `y[n, o, oh, ow] = sum_{c, kh, kw} x[n, c, oh * sh - top + kh, ow * sw - left + kw] *
 * w[o, c, kh, kw]` (terms outside `x` are zero), the gradients are the same sum read from the
 * other two sides: `dx` gathers the `(o, kh, kw)` terms that touch each input position and `dw`
 * gathers the `(n, oh, ow)` terms for each filter tap.
 */
import type { Conv2dGeometry, NdArray } from '../backend.js';
import type { Shape } from '../shape.js';
import { ndarray, store } from './util.js';

/** `floor((size + lo + hi - k) / stride) + 1`, or 0 when the padded input is too small. */
function outSize(size: number, lo: number, hi: number, k: number, stride: number): number {
  const span = size + lo + hi - k;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

/** `x` `[N, C, H, W]` convolved with `w` `[O, C, KH, KW]`, giving `[N, O, OH, OW]`. */
export function conv2d(x: NdArray, w: NdArray, geometry: Conv2dGeometry): NdArray {
  const [nBatch, nIn, h, wd] = x.shape as [number, number, number, number];
  const [nOut, , kh, kw] = w.shape as [number, number, number, number];
  const [sh, sw] = geometry.strides;
  const [[top, bottom], [left, right]] = geometry.padding;
  const oh = outSize(h, top, bottom, kh, sh);
  const ow = outSize(wd, left, right, kw, sw);
  const xd = x.data;
  const wdata = w.data;

  const out = new Float64Array(nBatch * nOut * oh * ow);
  let at = 0;
  for (let n = 0; n < nBatch; n++) {
    for (let o = 0; o < nOut; o++) {
      for (let r = 0; r < oh; r++) {
        for (let s = 0; s < ow; s++) {
          let acc = 0;
          for (let c = 0; c < nIn; c++) {
            const xPlane = (n * nIn + c) * h;
            const wPlane = (o * nIn + c) * kh;
            for (let i = 0; i < kh; i++) {
              const ih = r * sh - top + i;
              if (ih < 0 || ih >= h) continue;
              for (let j = 0; j < kw; j++) {
                const iw = s * sw - left + j;
                if (iw < 0 || iw >= wd) continue;
                acc += xd[(xPlane + ih) * wd + iw]! * wdata[(wPlane + i) * kw + j]!;
              }
            }
          }
          out[at++] = acc;
        }
      }
    }
  }
  return ndarray(x.dtype, [nBatch, nOut, oh, ow], store(x.dtype, out));
}

/**
 * Gradient of {@link conv2d} in `x`: `dx[n, c, ih, iw]` is the sum of `dy[n, o, r, s] *
 * w[o, c, i, j]` over every `(o, i, j)` with `ih = r * sh - top + i` and `iw = s * sw - left + j`
 * for some output position `(r, s)`. Input rows and columns no window reaches get 0.
 */
export function conv2dBackwardInput(
  dy: NdArray,
  w: NdArray,
  geometry: Conv2dGeometry & { readonly inputShape: Shape },
): NdArray {
  const [nBatch, nIn, h, wd] = geometry.inputShape as [number, number, number, number];
  const [nOut, , kh, kw] = w.shape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const [sh, sw] = geometry.strides;
  const [[top], [left]] = geometry.padding;
  const dyd = dy.data;
  const wdata = w.data;

  const out = new Float64Array(nBatch * nIn * h * wd);
  let at = 0;
  for (let n = 0; n < nBatch; n++) {
    for (let c = 0; c < nIn; c++) {
      for (let ih = 0; ih < h; ih++) {
        for (let iw = 0; iw < wd; iw++) {
          let acc = 0;
          for (let o = 0; o < nOut; o++) {
            const dyPlane = (n * nOut + o) * oh;
            const wPlane = (o * nIn + c) * kh;
            for (let i = 0; i < kh; i++) {
              // Output row r reads input row ih through filter row i when r * sh = ih + top - i.
              const rs = ih + top - i;
              if (rs < 0 || rs % sh !== 0) continue;
              const r = rs / sh;
              if (r >= oh) continue;
              for (let j = 0; j < kw; j++) {
                const ss = iw + left - j;
                if (ss < 0 || ss % sw !== 0) continue;
                const s = ss / sw;
                if (s >= ow) continue;
                acc += dyd[(dyPlane + r) * ow + s]! * wdata[(wPlane + i) * kw + j]!;
              }
            }
          }
          out[at++] = acc;
        }
      }
    }
  }
  return ndarray(dy.dtype, [nBatch, nIn, h, wd], store(dy.dtype, out));
}

/**
 * Gradient of {@link conv2d} in `w`: `dw[o, c, i, j]` is the sum over `(n, r, s)` of
 * `x[n, c, r * sh - top + i, s * sw - left + j] * dy[n, o, r, s]` (zero outside `x`).
 */
export function conv2dBackwardFilter(
  x: NdArray,
  dy: NdArray,
  geometry: Conv2dGeometry & { readonly filterShape: Shape },
): NdArray {
  const [nBatch, nIn, h, wd] = x.shape as [number, number, number, number];
  const [nOut, , kh, kw] = geometry.filterShape as [number, number, number, number];
  const [, , oh, ow] = dy.shape as [number, number, number, number];
  const [sh, sw] = geometry.strides;
  const [[top], [left]] = geometry.padding;
  const xd = x.data;
  const dyd = dy.data;

  const out = new Float64Array(nOut * nIn * kh * kw);
  let at = 0;
  for (let o = 0; o < nOut; o++) {
    for (let c = 0; c < nIn; c++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          let acc = 0;
          for (let n = 0; n < nBatch; n++) {
            const xPlane = (n * nIn + c) * h;
            const dyPlane = (n * nOut + o) * oh;
            for (let r = 0; r < oh; r++) {
              const ih = r * sh - top + i;
              if (ih < 0 || ih >= h) continue;
              for (let s = 0; s < ow; s++) {
                const iw = s * sw - left + j;
                if (iw < 0 || iw >= wd) continue;
                acc += xd[(xPlane + ih) * wd + iw]! * dyd[(dyPlane + r) * ow + s]!;
              }
            }
          }
          out[at++] = acc;
        }
      }
    }
  }
  return ndarray(x.dtype, [nOut, nIn, kh, kw], store(x.dtype, out));
}
