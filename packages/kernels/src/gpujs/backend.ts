/**
 * The `gpujs` backend: float32 kernels on gpu.js behind the {@link Backend} interface, every
 * other call delegated to the reference backend.
 */
import { GPU } from 'gpu.js';
import type { Backend, NdArray } from '../backend.js';
import { reference } from '../reference/index.js';
import type { Shape } from '../shape.js';
import { sizeOf } from '../shape.js';
import { createSyncThreads } from '../threads/sync.js';
import { forwardDims, gpuConv2d, gpuConv2dBackwardFilter, gpuConv2dBackwardInput } from './conv.js';
import { gpuBinary, gpuUnary, isGpuBinary, isGpuUnary } from './elementwise.js';
import { gpuMatmul, matmulDims } from './matmul.js';
import { assertModeAvailable, defaultMode, type GpujsMode } from './mode.js';
import {
  gpuMaxPool2dGather,
  gpuMaxPool2dScatter,
  gpuSumPool2d,
  gpuSumPool2dBackward,
  poolOutShape,
} from './pool.js';
import { MIN_WORK, type Routing, useGpu } from './routing.js';
import { createRunner, type RunnerStats } from './runner.js';
import { MAX_ELEMENTS } from './source.js';
import type { Request } from './threads/protocol.js';
import { threaded } from './threads/threaded.js';
import type { KernelThreadData } from './threads/worker.js';

// A variable, not a literal: bundlers (Vite, and so vitest) rewrite `new URL('literal',
// import.meta.url)` into an asset URL that a Node worker cannot load.
const KERNEL_THREAD = './threads/worker.js';

/**
 * Options of {@link createGpujsBackend}.
 *
 * @example
 * ```ts
 * const options: GpujsBackendOptions = { mode: 'webasm', cacheSize: 64, routing: 'measured' };
 * ```
 */
export interface GpujsBackendOptions {
  /** The gpu.js mode; by default `webasm` in Node and `webgl2` in a browser that has it. */
  readonly mode?: GpujsMode;
  /** The most compiled kernels kept (least recently used ones are destroyed); 64 by default. */
  readonly cacheSize?: number;
  /** Which calls run on gpu.js; `measured` by default. */
  readonly routing?: Routing;
  /**
   * Threads that compute each large call together, the calling one included (Node only): 1 by
   * default; 2 uses both cores of a 2-core machine. Convolutions and pooling are cut by
   * samples, matrix products by rows or by the contraction.
   */
  readonly threads?: number;
}

/**
 * A {@link Backend} running on gpu.js, with what it reports about itself.
 *
 * @example
 * ```ts
 * const gpujs = createGpujsBackend();
 * gpujs.name; // 'gpujs:webasm'
 * gpujs.stats.compiled; // kernels compiled so far
 * gpujs.dispose();
 * ```
 */
export interface GpujsBackend extends Backend {
  /** The gpu.js mode kernels run in. */
  readonly mode: GpujsMode;
  /** How calls are routed between gpu.js and the reference loops. */
  readonly routing: Routing;
  /** The most compiled kernels kept. */
  readonly cacheSize: number;
  /** Threads computing each large call, the calling one included. */
  readonly threads: number;
  /** Kernel compilations, evictions, cached kernels and calls so far. */
  readonly stats: RunnerStats;
  /** Destroys every compiled kernel and the gpu.js instance; the backend can still be used. */
  dispose(): void;
}

const DEFAULT_CACHE_SIZE = 64;

/** Whether every buffer is non-empty and small enough for exact float32 indexing. */
function fits(...lengths: number[]): boolean {
  return lengths.every((n) => n > 0 && n < MAX_ELEMENTS);
}

function result(shape: Shape, data: Float32Array): NdArray<'float32'> {
  return { dtype: 'float32', shape: [...shape], data };
}

/**
 * Creates a `gpujs` backend. Throws {@link GpujsModeUnavailableError} when the mode cannot run
 * here: a mode is never silently replaced by another.
 *
 * What runs on gpu.js (float32 only; float64, int32 and bool always go to the reference
 * backend): `matmul`, `conv2d` and both of its backward passes, the five pooling kernels, and
 * the elementwise ops listed in the package README, each when its size reaches the measured
 * break-even of {@link MIN_WORK}. Everything else runs on the reference backend's float32
 * loops.
 *
 * @example
 * ```ts
 * import { createGpujsBackend } from '@tessera/kernels';
 * const gpujs = createGpujsBackend({ mode: 'webasm' });
 * const a = { dtype: 'float32', shape: [1, 2, 2], data: new Float32Array([1, 2, 3, 4]) } as const;
 * gpujs.matmul(a, a, { transposeA: false, transposeB: false }).data; // [7, 10, 15, 22]
 * ```
 */
export function createGpujsBackend(options: GpujsBackendOptions = {}): GpujsBackend {
  const mode = options.mode ?? defaultMode();
  assertModeAvailable(mode);
  const routing = options.routing ?? 'measured';
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`createGpujsBackend: threads must be a positive integer, got ${threads}`);
  }
  const backend = createSingleThreaded(mode, routing, cacheSize);
  return threads === 1
    ? backend
    : threaded(
        backend,
        createSyncThreads<Request, NdArray>(
          new URL(KERNEL_THREAD, import.meta.url),
          { mode, routing, cacheSize } satisfies KernelThreadData,
          threads - 1,
        ),
      );
}

/** The backend computing every call on the calling thread. */
function createSingleThreaded(mode: GpujsMode, routing: Routing, cacheSize: number): GpujsBackend {
  let gpu: GPU | null = null;
  const runner = createRunner(
    () => {
      // Created on the first kernel: a backend that only ever sees float64 costs nothing.
      gpu ??= new GPU({ mode });
      return gpu;
    },
    mode,
    cacheSize,
  );
  const on = (work: number, minimum: number) => useGpu(routing, work, minimum);

  return {
    name: `gpujs:${mode}`,
    mode,
    routing,
    cacheSize,
    threads: 1,
    get stats() {
      return runner.stats;
    },
    dispose() {
      runner.clear();
      if (gpu !== null) void gpu.destroy();
      gpu = null;
    },

    unary(op, x) {
      if (x.dtype !== 'float32' || !isGpuUnary(op) || !fits(x.data.length)) {
        return reference.unary(op, x);
      }
      if (!on(x.data.length, MIN_WORK.elementwise)) return reference.unary(op, x);
      return result(x.shape, gpuUnary(runner, op, x.data as Float32Array));
    },
    binary(op, a, b) {
      if (a.dtype !== 'float32' || !isGpuBinary(op) || !fits(a.data.length)) {
        return reference.binary(op, a, b);
      }
      if (!on(a.data.length, MIN_WORK.elementwise)) return reference.binary(op, a, b);
      return result(a.shape, gpuBinary(runner, op, a.data as Float32Array, b.data as Float32Array));
    },
    compare: (op, a, b) => reference.compare(op, a, b),
    where: (cond, a, b) => reference.where(cond, a, b),
    cast: (x, dtype) => reference.cast(x, dtype),
    reduce: (op, x, o) => reference.reduce(op, x, o),
    argmax: (x, o) => reference.argmax(x, o),
    transpose: (x, o) => reference.transpose(x, o),
    broadcast: (x, o) => reference.broadcast(x, o),
    slice: (x, o) => reference.slice(x, o),
    pad: (x, o) => reference.pad(x, o),
    concat: (xs, o) => reference.concat(xs, o),
    gather: (x, i, o) => reference.gather(x, i, o),
    scatterAdd: (i, u, o) => reference.scatterAdd(i, u, o),

    matmul(a, b, o) {
      const d = matmulDims(a.shape, b.shape, o.transposeA, o.transposeB);
      const outLength = d.batch * d.m * d.n;
      if (
        a.dtype !== 'float32' ||
        !fits(a.data.length, b.data.length, outLength) ||
        !on(outLength * d.k, MIN_WORK.matmul)
      ) {
        return reference.matmul(a, b, o);
      }
      return result([d.batch, d.m, d.n], gpuMatmul(runner, a, b, d));
    },

    conv2d(x, w, geometry) {
      const d = forwardDims(x.shape, w.shape, geometry);
      const outShape = [d.n, d.o, d.oh, d.ow];
      const outLength = sizeOf(outShape);
      if (
        x.dtype !== 'float32' ||
        !fits(d.n * d.c * d.hp * d.wp, w.data.length, outLength) ||
        !on(outLength * d.c * d.kh * d.kw, MIN_WORK.conv)
      ) {
        return reference.conv2d(x, w, geometry);
      }
      return result(outShape, gpuConv2d(runner, x, w, geometry));
    },
    conv2dBackwardInput(dy, w, geometry) {
      const [n, c, h, wd] = geometry.inputShape as [number, number, number, number];
      const [o, , kh, kw] = w.shape as [number, number, number, number];
      const dilated = n * o * (h + kh - 1) * (wd + kw - 1);
      const work = n * c * h * wd * o * kh * kw;
      if (
        dy.dtype !== 'float32' ||
        !fits(dy.data.length, w.data.length, dilated, n * c * h * wd) ||
        !on(work, MIN_WORK.conv)
      ) {
        return reference.conv2dBackwardInput(dy, w, geometry);
      }
      return result(geometry.inputShape, gpuConv2dBackwardInput(runner, dy, w, geometry));
    },
    conv2dBackwardFilter(x, dy, geometry) {
      const d = forwardDims(x.shape, geometry.filterShape, geometry);
      const work = dy.data.length * d.c * d.kh * d.kw;
      if (
        x.dtype !== 'float32' ||
        !fits(d.n * d.c * d.hp * d.wp, dy.data.length, sizeOf(geometry.filterShape)) ||
        !on(work, MIN_WORK.conv)
      ) {
        return reference.conv2dBackwardFilter(x, dy, geometry);
      }
      return result(geometry.filterShape, gpuConv2dBackwardFilter(runner, x, dy, geometry));
    },

    sumPool2d(x, geometry) {
      const outShape = poolOutShape(x.shape, geometry);
      if (x.dtype !== 'float32' || !poolOnGpu(x.shape, outShape, routing)) {
        return reference.sumPool2d(x, geometry);
      }
      return result(outShape, gpuSumPool2d(runner, x, geometry));
    },
    sumPool2dBackward(dy, geometry) {
      const outShape = poolOutShape(geometry.inputShape, geometry);
      if (dy.dtype !== 'float32' || !poolOnGpu(geometry.inputShape, outShape, routing)) {
        return reference.sumPool2dBackward(dy, geometry);
      }
      return result(geometry.inputShape, gpuSumPool2dBackward(runner, dy, geometry));
    },
    maxPool2d(x, geometry) {
      const outShape = poolOutShape(x.shape, geometry);
      if (x.dtype !== 'float32' || !poolOnGpu(x.shape, outShape, routing)) {
        return reference.maxPool2d(x, geometry);
      }
      return result(outShape, gpuMaxPool2dGather(runner, x, x, geometry));
    },
    maxPool2dGather(x, t, geometry) {
      const outShape = poolOutShape(x.shape, geometry);
      if (
        x.dtype !== 'float32' ||
        t.dtype !== 'float32' ||
        !poolOnGpu(x.shape, outShape, routing)
      ) {
        return reference.maxPool2dGather(x, t, geometry);
      }
      return result(outShape, gpuMaxPool2dGather(runner, x, t, geometry));
    },
    maxPool2dScatter(x, dy, geometry) {
      const outShape = poolOutShape(x.shape, geometry);
      if (
        x.dtype !== 'float32' ||
        dy.dtype !== 'float32' ||
        !poolOnGpu(x.shape, outShape, routing)
      ) {
        return reference.maxPool2dScatter(x, dy, geometry);
      }
      return result(x.shape, gpuMaxPool2dScatter(runner, x, dy, geometry));
    },
  };
}

/** Whether a float32 pooling between an input and an output of these shapes runs on gpu.js. */
function poolOnGpu(inputShape: Shape, outShape: Shape, routing: Routing): boolean {
  const inputLength = sizeOf(inputShape);
  return fits(inputLength, sizeOf(outShape)) && useGpu(routing, inputLength, MIN_WORK.pool);
}
