/**
 * The kernel runner: compiles each kernel once per key (op, shapes, options) and keeps at most
 * `capacity` compiled kernels, destroying the least recently used one when a new one arrives.
 */
import type { GPU } from 'gpu.js';
import { LruCache } from './cache.js';
import { type CompiledKernel, compileKernel, type KernelSpec } from './kernel.js';

/**
 * Runs kernels by key, compiling each on first use.
 *
 * @example
 * ```ts
 * const runner = createRunner(() => gpu, 'webasm', 64);
 * const y = runner.run('double:8', () => spec, [x]);
 * ```
 */
export interface KernelRunner {
  /**
   * Runs the kernel cached under `key`, compiling `build()` on a miss. `key` must determine
   * the source completely (op, shapes and options).
   */
  run(key: string, build: () => KernelSpec, inputs: readonly Float32Array[]): Float32Array;
  /** Counters for tests and `backendInfo`. */
  readonly stats: RunnerStats;
  /** Destroys every cached kernel. */
  clear(): void;
}

/**
 * What a kernel runner has done so far: the counters `backendInfo` reports.
 *
 * @example
 * ```ts
 * const { compiled, evicted, cached } = runner.stats;
 * ```
 */
export interface RunnerStats {
  /** Kernels compiled (cache misses). */
  readonly compiled: number;
  /** Kernels evicted and destroyed. */
  readonly evicted: number;
  /** Kernels held now. */
  readonly cached: number;
  /** Kernel calls. */
  readonly calls: number;
  /** How many kernels each gpu.js kernel class has run (`WebAssemblyKernel` in webasm). */
  readonly engines: Readonly<Record<string, number>>;
}

/**
 * A runner keeping at most `capacity` compiled kernels, compiled on the `GPU` that `gpu()`
 * returns (called on every compilation, so the instance can be created lazily).
 */
export function createRunner(gpu: () => GPU, mode: string, capacity: number): KernelRunner {
  let compiled = 0;
  let evicted = 0;
  let calls = 0;
  const engines: Record<string, number> = {};
  const cache = new LruCache<string, CompiledKernel>(capacity, (_key, kernel) => {
    evicted++;
    kernel.destroy();
  });
  return {
    run(key, build, inputs) {
      const kernel = cache.getOrCreate(key, () => {
        compiled++;
        return compileKernel(gpu(), build(), mode);
      });
      calls++;
      const known = kernel.engine !== null;
      const out = kernel.run(inputs);
      if (!known && kernel.engine !== null)
        engines[kernel.engine] = (engines[kernel.engine] ?? 0) + 1;
      return out;
    },
    get stats() {
      return { compiled, evicted, cached: cache.size, calls, engines: { ...engines } };
    },
    clear() {
      cache.clear();
    },
  };
}
