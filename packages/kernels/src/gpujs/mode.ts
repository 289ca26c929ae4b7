/**
 * Which gpu.js modes exist, which can run here, and which one a backend gets by default.
 */
import { GPU } from 'gpu.js';
import { GpujsModeUnavailableError } from './errors.js';

/**
 * A gpu.js execution mode the `gpujs` backend can run in.
 *
 * - `webasm`: WebAssembly with f32x4 SIMD; the default in Node (measured fastest without a GPU).
 * - `cpu`: gpu.js's JavaScript fallback, for debugging kernels.
 * - `headlessgl`: OpenGL in Node through the optional native `gl` package and a display.
 * - `webgl2`: a browser's WebGL2.
 * - `webgpu`: listed so that asking for it gives a clear error: WebGPU reads results back
 *   asynchronously, and the `Backend` interface is synchronous.
 *
 * @example
 * ```ts
 * const mode: GpujsMode = 'webasm';
 * ```
 */
export type GpujsMode = 'webasm' | 'cpu' | 'headlessgl' | 'webgl2' | 'webgpu';

/**
 * Every {@link GpujsMode}, in order of preference where several can run.
 *
 * @example
 * ```ts
 * GPUJS_MODES.filter((m) => unavailableReason(m) === null); // ['webasm', 'cpu'] in Node
 * ```
 */
export const GPUJS_MODES: readonly GpujsMode[] = [
  'webasm',
  'cpu',
  'headlessgl',
  'webgl2',
  'webgpu',
];

/**
 * Why `mode` cannot run in this environment, or `null` when it can.
 *
 * @example
 * ```ts
 * unavailableReason('webasm'); // null wherever WebAssembly exists
 * ```
 */
export function unavailableReason(mode: GpujsMode): string | null {
  switch (mode) {
    case 'webasm':
      return GPU.isWebAssemblySupported ? null : 'this runtime has no WebAssembly';
    case 'cpu':
      return null;
    case 'headlessgl':
      return GPU.isHeadlessGLSupported
        ? null
        : 'it needs the optional native `gl` package (built from source) and a display (Xvfb)';
    case 'webgl2':
      return GPU.isWebGL2Supported ? null : 'it needs a browser with WebGL2';
    case 'webgpu':
      return (
        'WebGPU reads results back asynchronously, and the Backend interface is synchronous; ' +
        "use 'webgl2' in a browser"
      );
  }
}

/**
 * Throws a {@link GpujsModeUnavailableError} unless `mode` can run here.
 *
 * @example
 * ```ts
 * assertModeAvailable('webasm'); // returns
 * assertModeAvailable('webgpu'); // throws GpujsModeUnavailableError
 * ```
 */
export function assertModeAvailable(mode: GpujsMode): void {
  const reason = unavailableReason(mode);
  if (reason !== null) throw new GpujsModeUnavailableError(mode, reason);
}

/**
 * The mode a backend gets when none is asked for: `webasm` in Node (the fastest measured there
 * without a GPU, and gpu.js's own auto-selection may pick a slower software GL), `webgl2` in a
 * browser that has it, else `webasm`.
 *
 * @example
 * ```ts
 * defaultMode(); // 'webasm' in Node
 * ```
 */
export function defaultMode(): GpujsMode {
  const inNode = typeof globalThis.process?.versions?.node === 'string';
  if (!inNode && unavailableReason('webgl2') === null) return 'webgl2';
  return 'webasm';
}

/**
 * Whether `value` names a {@link GpujsMode}.
 *
 * @example
 * ```ts
 * isGpujsMode('cpu'); // true
 * ```
 */
export function isGpujsMode(value: string): value is GpujsMode {
  return (GPUJS_MODES as readonly string[]).includes(value);
}
