/**
 * The entry of a kernel thread: a gpu.js backend answering backend calls. The backend module
 * loads behind a dynamic import so that a failure to load is reported to the waiting caller.
 */
import type { NdArray } from '../../backend.js';
import { serveSync } from '../../threads/sync.js';
import type { GpujsMode } from '../mode.js';
import type { Routing } from '../routing.js';
import type { Request } from './protocol.js';

/** What a kernel thread is started with. */
export interface KernelThreadData {
  readonly mode: GpujsMode;
  readonly routing: Routing;
  readonly cacheSize: number;
}

let backend: Promise<import('../backend.js').GpujsBackend> | undefined;

serveSync<Request, NdArray, KernelThreadData>(async (request, data) => {
  backend ??= import('../backend.js').then(({ createGpujsBackend }) =>
    createGpujsBackend({ mode: data.mode, routing: data.routing, cacheSize: data.cacheSize }),
  );
  const b = await backend;
  const call = (b[request.method] as (...args: readonly unknown[]) => NdArray).bind(b);
  return call(...request.args);
});
