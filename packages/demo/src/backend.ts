/**
 * Which backend the page computes on. gpu.js in a browser offers `webgl2` (and `webgpu`, which
 * `@tessera/kernels` refuses: WebGPU reads results back asynchronously and its `Backend` is
 * synchronous), so the page asks for `webgl2`, then `webasm` (gpu.js's WebAssembly, no GPU),
 * then falls back to the plain-TypeScript reference loops, and says which one it got and why.
 */
import {
  type Backend,
  backendInfo,
  createGpujsBackend,
  type GpujsMode,
  GpujsModeUnavailableError,
  isGpujsMode,
  type Routing,
  reference,
} from '@tessera/kernels';

/** The backend in use and how it was chosen. */
export interface Choice {
  readonly backend: Backend;
  /** Modes tried before it, each with the reason it could not run. */
  readonly refused: readonly { readonly mode: GpujsMode; readonly reason: string }[];
}

/** The modes tried, in order, unless the page's URL names one (`?mode=webasm`). */
export const PREFERRED_MODES: readonly GpujsMode[] = ['webgl2', 'webasm'];

/**
 * The first gpu.js mode of `modes` that runs here, with `routing`; the reference backend when
 * none does (or when `modes` is `['reference']`).
 */
export function chooseBackend(
  modes: readonly (GpujsMode | 'reference')[] = PREFERRED_MODES,
  routing: Routing = 'measured',
): Choice {
  const refused: { mode: GpujsMode; reason: string }[] = [];
  for (const mode of modes) {
    if (mode === 'reference') break;
    try {
      return { backend: createGpujsBackend({ mode, routing }), refused };
    } catch (error) {
      if (!(error instanceof GpujsModeUnavailableError)) throw error;
      refused.push({ mode, reason: error.message });
    }
  }
  return { backend: reference, refused };
}

/** The modes and routing the URL's query asks for (`?mode=webasm&routing=always`). */
export function fromQuery(search: string): {
  modes: (GpujsMode | 'reference')[];
  routing: Routing;
} {
  const query = new URLSearchParams(search);
  const mode = query.get('mode');
  const routing = query.get('routing') === 'always' ? 'always' : 'measured';
  if (mode === 'reference') return { modes: ['reference'], routing };
  if (mode !== null && isGpujsMode(mode)) return { modes: [mode], routing };
  return { modes: [...PREFERRED_MODES], routing };
}

/** A one-line description: `gpujs:webgl2 (WebGL2Kernel)` or `reference`. */
export function describeBackend(backend: Backend): string {
  const info = backendInfo(backend);
  const engines = Object.keys(info.gpujs?.engines ?? {});
  return engines.length === 0 ? info.name : `${info.name} (${engines.join(', ')})`;
}

/** gpu.js kernel calls made so far by `backend` (0 for the reference backend). */
export function gpuCalls(backend: Backend): number {
  return backendInfo(backend).gpujs?.stats.calls ?? 0;
}

/** The WebGL renderer string (the GPU, or a software renderer such as SwiftShader), if any. */
export function glRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl === null) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name =
    debug === null ? gl.getParameter(gl.RENDERER) : gl.getParameter(debug.UNMASKED_RENDERER_WEBGL);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof name === 'string' ? name : null;
}
