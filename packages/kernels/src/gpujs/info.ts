/**
 * What a backend is and what it actually runs.
 */
import type { Backend } from '../backend.js';
import type { GpujsBackend } from './backend.js';
import type { GpujsMode } from './mode.js';
import type { Routing } from './routing.js';
import type { RunnerStats } from './runner.js';

/**
 * A description of a backend, from {@link backendInfo}.
 *
 * @example
 * ```ts
 * const info: BackendInfo = backendInfo(createGpujsBackend());
 * info.kind; // 'gpujs'
 * ```
 */
export interface BackendInfo {
  /** The backend's name, such as `reference` or `gpujs:webasm`. */
  readonly name: string;
  /** `reference`, `gpujs`, or `custom` for any other implementation. */
  readonly kind: 'reference' | 'gpujs' | 'custom';
  /** Where float64 runs: always the reference backend (the tensor package routes it there). */
  readonly float64: 'reference';
  /** For `gpujs`: the gpu.js mode, its routing and cache, and the kernels compiled so far. */
  readonly gpujs?: {
    readonly mode: GpujsMode;
    readonly routing: Routing;
    readonly cacheSize: number;
    readonly stats: RunnerStats;
    /**
     * The gpu.js kernel classes that actually ran, with how many kernels of each (gpu.js may
     * degrade a kernel to its cpu backend; this backend then throws rather than run it).
     */
    readonly engines: Readonly<Record<string, number>>;
  };
}

function isGpujs(backend: Backend): backend is GpujsBackend {
  return 'mode' in backend && 'stats' in backend && backend.name.startsWith('gpujs:');
}

/**
 * Describes `backend`: its kind and, for a `gpujs` backend, the mode it runs in and the gpu.js
 * kernel classes that have actually run (`WebAssemblyKernel` in `webasm` mode).
 *
 * @example
 * ```ts
 * import { getBackend } from '@tessera/tensor';
 * backendInfo(getBackend()); // { name: 'reference', kind: 'reference', float64: 'reference' }
 * ```
 */
export function backendInfo(backend: Backend): BackendInfo {
  if (backend.name === 'reference') {
    return { name: backend.name, kind: 'reference', float64: 'reference' };
  }
  if (!isGpujs(backend)) return { name: backend.name, kind: 'custom', float64: 'reference' };
  return {
    name: backend.name,
    kind: 'gpujs',
    float64: 'reference',
    gpujs: {
      mode: backend.mode,
      routing: backend.routing,
      cacheSize: backend.cacheSize,
      stats: backend.stats,
      engines: backend.stats.engines,
    },
  };
}
