/**
 * Pooling on gpu.js. Threads run over flattened output cells (forward) or input cells
 * (backward), so the SIMD lanes fill whatever the widths; each finds its window once with
 * float divisions that are exact at these sizes (see `source.ts`).
 *
 * Max pooling keeps the reference's rule exactly: the window's first maximum in row-major
 * order, a NaN counting as a maximum that sticks. The scatter (the max-pool gradient) is an
 * argmax kernel followed by a scatter loop in TypeScript: a gather formulation would repeat the
 * window argmax once per covering window and per input cell.
 */
import type { NdArray, Pool2dGeometry } from '../backend.js';
import type { Shape } from '../shape.js';
import type { KernelSpec } from './kernel.js';
import type { KernelRunner } from './runner.js';

/** The sizes of a pooling: `[n, c, h, w]` in, `[n, c, oh, ow]` out. */
interface PoolDims {
  readonly planes: number;
  readonly h: number;
  readonly w: number;
  readonly oh: number;
  readonly ow: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
}

/** `[n, c, oh, ow]` for pooling an input of `inputShape` with `geometry`. */
export function poolOutShape(inputShape: Shape, geometry: Pool2dGeometry): Shape {
  const [n, c, h, w] = inputShape as [number, number, number, number];
  const [kh, kw] = geometry.window;
  const [sh, sw] = geometry.strides;
  const oh = h < kh ? 0 : Math.floor((h - kh) / sh) + 1;
  const ow = w < kw ? 0 : Math.floor((w - kw) / sw) + 1;
  return [n, c, oh, ow];
}

function poolDims(inputShape: Shape, geometry: Pool2dGeometry): PoolDims {
  const [n, c, h, w] = inputShape as [number, number, number, number];
  const [, , oh, ow] = poolOutShape(inputShape, geometry) as [number, number, number, number];
  const [kh, kw] = geometry.window;
  const [sh, sw] = geometry.strides;
  return { planes: n * c, h, w, oh, ow, kh, kw, sh, sw };
}

function dimsKey(d: PoolDims): string {
  return `${d.planes}x${d.h}x${d.w}:${d.kh}x${d.kw}:${d.sh}x${d.sw}`;
}

/** Source lines setting `base`, the flat index of the window of output cell `thread.x`. */
function windowBase(d: PoolDims): string {
  const ohw = d.oh * d.ow;
  return (
    `const plane = Math.floor((this.thread.x + 0.5) / ${ohw});\n` +
    `const cell = this.thread.x - plane * ${ohw};\n` +
    `const r = Math.floor((cell + 0.5) / ${d.ow});\n` +
    `const base = plane * ${d.h * d.w} + r * ${d.sh * d.w} + (cell - r * ${d.ow}) * ${d.sw};\n`
  );
}

/** Offsets of the window taps from `base`, row-major (the tie-break order). */
function tapOffsets(d: PoolDims): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.kh; i++) for (let j = 0; j < d.kw; j++) out.push(i * d.w + j);
  return out;
}

function cells(d: PoolDims): number {
  return d.planes * d.oh * d.ow;
}

/** Sum over each window. */
export function sumPoolSpec(d: PoolDims): KernelSpec {
  const terms = tapOffsets(d).map((o) => `x[base + ${o}]`);
  return {
    source: `function(x) {\n${windowBase(d)}return ${terms.join(' + ')};\n}`,
    arguments: ['x'],
    output: [cells(d)],
    components: 1,
    loopBound: 0,
  };
}

/**
 * The window's first maximum of `x`: returns `t` there (`gather`), `x` there (`max`), or its
 * flat index (`argmax`). `!(v <= best)` is true for a larger `v` and for a NaN `v`; testing
 * `best === best` first makes a NaN stick.
 */
export function maxPoolSpec(d: PoolDims, kind: 'max' | 'gather' | 'argmax'): KernelSpec {
  const offsets = tapOffsets(d);
  const pick = (o: number): string =>
    kind === 'gather' ? `t[base + ${o}]` : kind === 'argmax' ? `base + ${o}` : `v${o}`;
  let source = `function(${kind === 'gather' ? 'x, t' : 'x'}) {\n${windowBase(d)}`;
  source += `let best = x[base];\nlet picked = ${kind === 'max' ? 'best' : pick(0)};\n`;
  for (const o of offsets.slice(1)) {
    source += `const v${o} = x[base + ${o}];\n`;
    source += `if (best === best && !(v${o} <= best)) {\nbest = v${o};\npicked = ${pick(o)};\n}\n`;
  }
  source += 'return picked;\n}';
  return {
    source,
    arguments: kind === 'gather' ? ['x', 't'] : ['x'],
    output: [cells(d)],
    components: 1,
    loopBound: 0,
  };
}

/**
 * Transpose of the sum pooling, gathered per input cell: the sum of `dy` over the windows that
 * cover the cell. Along each axis at most `ceil(k / s)` windows cover a cell; the latest one
 * starts at `min(floor(i / s), out - 1)`, the others step back by one stride.
 */
export function sumPoolBackwardSpec(d: PoolDims): KernelSpec {
  const hw = d.h * d.w;
  const ohw = d.oh * d.ow;
  const coverH = Math.ceil(d.kh / d.sh);
  const coverW = Math.ceil(d.kw / d.sw);
  let source = 'function(dy) {\n';
  source += `const plane = Math.floor((this.thread.x + 0.5) / ${hw});\n`;
  source += `const rest = this.thread.x - plane * ${hw};\n`;
  source += `const ih = Math.floor((rest + 0.5) / ${d.w});\n`;
  source += `const iw = rest - ih * ${d.w};\n`;
  source += `const rLast = Math.min(Math.floor((ih + 0.5) / ${d.sh}), ${d.oh - 1});\n`;
  source += `const sLast = Math.min(Math.floor((iw + 0.5) / ${d.sw}), ${d.ow - 1});\n`;
  source += 'let acc = 0;\n';
  for (let a = 0; a < coverH; a++) {
    for (let b = 0; b < coverW; b++) {
      const r = `(rLast - ${a})`;
      const s = `(sLast - ${b})`;
      source +=
        `if (${r} >= 0 && ih - ${r} * ${d.sh} < ${d.kh} && ${s} >= 0 && iw - ${s} * ${d.sw} < ${d.kw}) {\n` +
        `acc += dy[plane * ${ohw} + ${r} * ${d.ow} + ${s}];\n}\n`;
    }
  }
  source += 'return acc;\n}';
  return {
    source,
    arguments: ['dy'],
    output: [d.planes * hw],
    components: 1,
    loopBound: 0,
  };
}

/** `sumPool2d` on gpu.js. */
export function gpuSumPool2d(runner: KernelRunner, x: NdArray, g: Pool2dGeometry): Float32Array {
  const d = poolDims(x.shape, g);
  return runner.run(`sumPool:${dimsKey(d)}`, () => sumPoolSpec(d), [x.data as Float32Array]);
}

/** `sumPool2dBackward` on gpu.js. */
export function gpuSumPool2dBackward(
  runner: KernelRunner,
  dy: NdArray,
  g: Pool2dGeometry & { readonly inputShape: Shape },
): Float32Array {
  const d = poolDims(g.inputShape, g);
  return runner.run(`sumPoolBackward:${dimsKey(d)}`, () => sumPoolBackwardSpec(d), [
    dy.data as Float32Array,
  ]);
}

/** `maxPool2dGather` (and, with `t === x`, `maxPool2d`) on gpu.js. */
export function gpuMaxPool2dGather(
  runner: KernelRunner,
  x: NdArray,
  t: NdArray,
  g: Pool2dGeometry,
): Float32Array {
  const d = poolDims(x.shape, g);
  if (t === x) {
    return runner.run(`maxPool:${dimsKey(d)}`, () => maxPoolSpec(d, 'max'), [
      x.data as Float32Array,
    ]);
  }
  return runner.run(`maxPoolGather:${dimsKey(d)}`, () => maxPoolSpec(d, 'gather'), [
    x.data as Float32Array,
    t.data as Float32Array,
  ]);
}

/**
 * `maxPool2dScatter` on gpu.js: the argmax of every window as a kernel, then each `dy` added
 * at its argmax. Overlapping windows can send several values to one cell: they are summed in
 * doubles and rounded once, as the reference does.
 */
export function gpuMaxPool2dScatter(
  runner: KernelRunner,
  x: NdArray,
  dy: NdArray,
  g: Pool2dGeometry,
): Float32Array {
  const d = poolDims(x.shape, g);
  const at = runner.run(`maxPoolArgmax:${dimsKey(d)}`, () => maxPoolSpec(d, 'argmax'), [
    x.data as Float32Array,
  ]);
  const dyData = dy.data as Float32Array;
  const overlapping = d.sh < d.kh || d.sw < d.kw;
  const out = overlapping ? new Float64Array(x.data.length) : new Float32Array(x.data.length);
  for (let k = 0; k < at.length; k++) out[at[k]!]! += dyData[k]!;
  return out instanceof Float32Array ? out : Float32Array.from(out);
}
