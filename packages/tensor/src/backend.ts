import {
  type Backend,
  type BackendInfo,
  backendFromEnv,
  type DType,
  backendInfo as describe,
  reference,
} from '@tessera/kernels';

/**
 * The process backend starts as the environment asks: `TESSERA_BACKEND=reference|gpujs` and,
 * for gpujs, `TESSERA_GPUJS_MODE=webasm|cpu|headlessgl|webgl2|webgpu` (see `backendFromEnv` in
 * `@tessera/kernels`). An unknown value or an unavailable mode throws here, at start-up, rather
 * than running on something else. Without a `process` (a browser) it is the reference backend.
 */
let processBackend: Backend = backendFromEnv(globalThis.process?.env ?? {});
const scoped: Backend[] = [];

/**
 * Sets the backend every op uses from now on in this process (the default is `reference`, or
 * what `TESSERA_BACKEND` asked for at start-up).
 *
 * @example
 * ```ts
 * import { reference } from '@tessera/kernels';
 * setBackend(reference);
 * ```
 */
export function setBackend(backend: Backend): void {
  processBackend = backend;
}

/**
 * Runs `body` with `backend` in place of the process backend, restoring it afterwards.
 *
 * @example
 * ```ts
 * const y = withBackend(reference, () => matmul(a, b));
 * ```
 */
export function withBackend<R>(backend: Backend, body: () => R): R {
  scoped.push(backend);
  try {
    return body();
  } finally {
    scoped.pop();
  }
}

/**
 * The backend ops run on now: the innermost {@link withBackend} scope, else the process one.
 *
 * @example
 * ```ts
 * getBackend().name; // 'reference'
 * ```
 */
export function getBackend(): Backend {
  return scoped[scoped.length - 1] ?? processBackend;
}

/** The backend for an op touching `dtypes`: float64 always runs on the reference backend. */
export function backendFor(dtypes: readonly DType[]): Backend {
  return dtypes.includes('float64') ? reference : getBackend();
}

/**
 * What runs ops now: the backend's name and kind and, for gpujs, the mode, the routing rule
 * and the gpu.js kernel classes that actually ran (float64 always runs on the reference
 * backend).
 *
 * @example
 * ```ts
 * backendInfo().name; // 'reference', or 'gpujs:webasm' with TESSERA_BACKEND=gpujs
 * ```
 */
export function backendInfo(): BackendInfo {
  return describe(getBackend());
}
