/**
 * Compiling and running gpu.js kernels from generated source.
 *
 * Every kernel of this backend is generated as source text with its sizes written in as
 * literals. That is the strongest form of gpu.js constants: loop bounds are literals, so no
 * `loopMaxIterations` cap can silently shorten a loop (bounds taken from arguments are capped
 * at 1000), and nothing depends on `setConstants`, which gpu.js ignores after the first call.
 * The price is one compilation per shape, which the {@link LruCache} amortises.
 */
import {
  CPUKernel,
  type GPU,
  HeadlessGLKernel,
  type IGPUKernelSettings,
  type IKernelRunShortcut,
  WebAssemblyKernel,
  WebGL2Kernel,
  WebGLKernel,
} from 'gpu.js';
import { GpujsModeUnavailableError } from './errors.js';

/**
 * Everything needed to compile one kernel.
 *
 * @example
 * ```ts
 * const spec: KernelSpec = {
 *   source: 'function(a) { return a[this.thread.x] * 2; }',
 *   arguments: ['a'],
 *   output: [8],
 *   components: 1,
 *   loopBound: 0,
 * };
 * ```
 */
export interface KernelSpec {
  /** The kernel function as source text, sizes written in as literals. */
  readonly source: string;
  /** The names of its parameters, all flat `Float32Array`s. */
  readonly arguments: readonly string[];
  /** Threads along x, y and z (1 to 3 axes, x fastest). */
  readonly output: readonly number[];
  /** Values each thread returns: 1, or 2 to 4 for an `Array(n)` return. */
  readonly components: 1 | 2 | 3 | 4;
  /** The largest trip count of any loop in the source. */
  readonly loopBound: number;
}

/**
 * A compiled kernel: call it with the flat inputs to get the flat output, thread-major with
 * `components` values per thread.
 *
 * @example
 * ```ts
 * const double = compileKernel(gpu, spec);
 * double([new Float32Array(8)]); // Float32Array(8)
 * ```
 */
export interface CompiledKernel {
  /** Runs the kernel; the result is a fresh buffer the caller owns. */
  run(inputs: readonly Float32Array[]): Float32Array;
  /** Frees what the kernel holds (WebAssembly memory, GL programs and textures). */
  destroy(): void;
  /** The gpu.js kernel class that ran it (such as `WebAssemblyKernel`); null before a run. */
  readonly engine: string | null;
}

/** The number of values a kernel of `spec` returns. */
export function outputLength(spec: KernelSpec): number {
  let n = spec.components;
  for (const d of spec.output) n *= d;
  return n;
}

/**
 * The flat data of a kernel result. gpu.js erects 2-D and 3-D outputs, and `Array(n)` returns,
 * as nested arrays of subarray views of one buffer (webasm); when that is so the buffer is
 * returned without a copy, otherwise (other modes) the leaves are copied out in order.
 */
export function flatten(result: unknown, length: number): Float32Array {
  let first: unknown = result;
  while (Array.isArray(first)) first = first[0];
  if (first instanceof Float32Array && first.buffer.byteLength >= length * 4) {
    const view = new Float32Array(first.buffer, first.byteOffset, length);
    if (isViewOf(result, view)) return view;
  }
  const out = new Float32Array(length);
  let at = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node instanceof Float32Array) {
      out.set(node, at);
      at += node.length;
    } else {
      out[at++] = Number(node);
    }
  };
  walk(result);
  if (at !== length) throw new Error(`gpujs: a kernel returned ${at} values, expected ${length}`);
  return out;
}

/** Whether the last leaf of `result` ends exactly where `view` ends (so all leaves tile it). */
function isViewOf(result: unknown, view: Float32Array): boolean {
  let last: unknown = result;
  while (Array.isArray(last)) last = last[last.length - 1];
  return (
    last instanceof Float32Array &&
    last.buffer === view.buffer &&
    last.byteOffset + last.byteLength === view.byteOffset + view.byteLength
  );
}

/** gpu.js's kernel classes by name, each subclass before its base class. */
const KERNEL_CLASSES: readonly (readonly [string, unknown])[] = [
  ['WebGL2Kernel', WebGL2Kernel],
  ['HeadlessGLKernel', HeadlessGLKernel],
  ['WebGLKernel', WebGLKernel],
  ['WebAssemblyKernel', WebAssemblyKernel],
  ['CPUKernel', CPUKernel],
];

/**
 * The name of the gpu.js kernel class of `kernel`, found with `instanceof` against gpu.js's
 * exported classes, so that it survives a minifier renaming classes in a browser bundle
 * (`constructor.name` then reads `e`); the constructor's name for any other class.
 *
 * @example
 * ```ts
 * engineName(Object.create(WebGL2Kernel.prototype)); // 'WebGL2Kernel'
 * ```
 */
export function engineName(kernel: object): string {
  for (const [name, type] of KERNEL_CLASSES) {
    if (typeof type === 'function' && kernel instanceof type) return name;
  }
  return kernel.constructor.name;
}

/**
 * The gpu.js class that ran `kernel`. gpu.js may degrade a kernel it cannot compile for the
 * requested mode to its cpu backend, with only a console warning; that is an error here.
 */
function engineOf(kernel: IKernelRunShortcut, mode: string): string {
  const inner = kernel.kernel as object & { fallbackReason?: string | null };
  if (inner.fallbackReason) {
    throw new GpujsModeUnavailableError(
      mode,
      `gpu.js ran a kernel on its cpu backend instead (${inner.fallbackReason})`,
    );
  }
  return engineName(inner);
}

/**
 * Makes a webasm kernel return its output as the one flat `Float32Array` it computes.
 * gpu.js 2.24.1's `WebAssemblyKernel` erects an `Array(n)` return into one subarray per
 * thread: measured 49 ms for the 200,000 threads of LeNet-5's C1 at batch 128, three times
 * the kernel itself. The override is feature-tested and per instance; when absent (other
 * modes, other versions) {@link flatten} walks the erected result instead.
 */
function returnFlat(kernel: IKernelRunShortcut): void {
  const inner = kernel.kernel as unknown as { _shapeOutput?: unknown };
  if (typeof inner._shapeOutput === 'function') inner._shapeOutput = (data: Float32Array) => data;
}

/**
 * Compiles `spec` on `gpu`, whose mode is `mode` (gpu.js compiles lazily, on the first run).
 *
 * @example
 * ```ts
 * const k = compileKernel(new GPU({ mode: 'webasm' }), spec, 'webasm');
 * ```
 */
export function compileKernel(gpu: GPU, spec: KernelSpec, mode: string): CompiledKernel {
  const argumentTypes: Record<string, 'Array'> = {};
  for (const name of spec.arguments) argumentTypes[name] = 'Array';
  // gpu.js reads `returnType` and `loopMaxIterations` from the settings; its typings omit them.
  const settings: IGPUKernelSettings & { returnType: string; loopMaxIterations: number } = {
    output: [...spec.output],
    argumentTypes,
    returnType: spec.components === 1 ? 'Number' : `Array(${spec.components})`,
    loopMaxIterations: Math.max(1000, spec.loopBound + 1),
    precision: 'single',
    tactic: 'precision',
  };
  const kernel: IKernelRunShortcut = gpu.createKernel(spec.source, settings);
  returnFlat(kernel);
  const length = outputLength(spec);
  let engine: string | null = null;
  return {
    run(inputs) {
      const out = flatten(kernel(...inputs), length);
      engine ??= engineOf(kernel, mode);
      return out;
    },
    destroy: () => kernel.destroy(),
    get engine() {
      return engine;
    },
  };
}
