/**
 * Choosing the process backend from environment variables.
 */
import type { Backend } from '../backend.js';
import { reference } from '../reference/index.js';
import { createGpujsBackend } from './backend.js';
import { UnknownBackendError } from './errors.js';
import { GPUJS_MODES, isGpujsMode } from './mode.js';
import type { Routing } from './routing.js';

/** Values `TESSERA_BACKEND` may take. */
const BACKENDS = ['reference', 'gpujs'] as const;

/** Values `TESSERA_GPUJS_ROUTING` may take. */
const ROUTINGS: readonly Routing[] = ['measured', 'always'];

/**
 * The backend that environment variables ask for: `TESSERA_BACKEND` (`reference`, the
 * default, or `gpujs`) and, for `gpujs`, `TESSERA_GPUJS_MODE` (`webasm`, `cpu`, `headlessgl`,
 * `webgl2`, `webgpu`; by default `webasm` in Node) and `TESSERA_GPUJS_ROUTING` (`measured`,
 * the default, or `always`, which sends every call of an op with a gpu.js kernel to gpu.js,
 * however small: how the test suites exercise the kernels) and `TESSERA_THREADS` (how many
 * threads compute each large call, 1 by default). An unknown value throws
 * {@link UnknownBackendError}, an unavailable mode {@link GpujsModeUnavailableError}: a
 * request is never silently replaced by something else.
 *
 * @example
 * ```ts
 * backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_MODE: 'webasm' }).name; // 'gpujs:webasm'
 * backendFromEnv({}).name; // 'reference'
 * backendFromEnv(process.env); // what the process was started with
 * ```
 */
export function backendFromEnv(env: Readonly<Record<string, string | undefined>>): Backend {
  const backend = env.TESSERA_BACKEND ?? '';
  const mode = env.TESSERA_GPUJS_MODE ?? '';
  if (mode !== '' && !isGpujsMode(mode)) {
    throw new UnknownBackendError('TESSERA_GPUJS_MODE', mode, GPUJS_MODES);
  }
  const routing = env.TESSERA_GPUJS_ROUTING ?? '';
  if (routing !== '' && !(ROUTINGS as readonly string[]).includes(routing)) {
    throw new UnknownBackendError('TESSERA_GPUJS_ROUTING', routing, ROUTINGS);
  }
  const threadsText = env.TESSERA_THREADS ?? '';
  const threads = threadsText === '' ? 1 : Number(threadsText);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UnknownBackendError('TESSERA_THREADS', threadsText, ['a positive integer']);
  }
  switch (backend) {
    case '':
    case 'reference':
      return reference;
    case 'gpujs':
      return createGpujsBackend({
        ...(mode === '' ? {} : { mode }),
        ...(routing === '' ? {} : { routing: routing as Routing }),
        threads,
      });
    default:
      throw new UnknownBackendError('TESSERA_BACKEND', backend, BACKENDS);
  }
}
