/**
 * The gpu.js backend (internal barrel; the package index re-exports the public names).
 */
export { createGpujsBackend, type GpujsBackend, type GpujsBackendOptions } from './backend.js';
export { backendFromEnv } from './env.js';
export { GpujsModeUnavailableError, UnknownBackendError } from './errors.js';
export { type BackendInfo, backendInfo } from './info.js';
export {
  assertModeAvailable,
  defaultMode,
  GPUJS_MODES,
  type GpujsMode,
  isGpujsMode,
  unavailableReason,
} from './mode.js';
export { MIN_WORK, type Routing, useGpu } from './routing.js';
export type { RunnerStats } from './runner.js';
