/**
 * The entry of a kernel thread: loads the gpu.js backend and answers calls. Loading happens
 * behind a dynamic import so that a failure to load is reported to the waiting main thread
 * instead of leaving it blocked.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { NdArray } from '../../backend.js';
import { REPLIED, type Reply, type Request, type ThreadData } from './protocol.js';

const data = workerData as ThreadData;
const flag = new Int32Array(data.flag);
const replies = data.replies as MessagePort;

// The result is copied into the message rather than transferred: a gpu.js result may be a
// view of memory the kernel still owns.
function reply(message: Reply): void {
  replies.postMessage(message);
  Atomics.store(flag, 0, REPLIED);
  Atomics.notify(flag, 0);
}

const ready = import('../backend.js').then(({ createGpujsBackend }) =>
  createGpujsBackend({ mode: data.mode, routing: data.routing, cacheSize: data.cacheSize }),
);

parentPort?.on('message', (request: Request) => {
  ready
    .then((backend) => {
      const call = (backend[request.method] as (...args: readonly unknown[]) => NdArray).bind(
        backend,
      );
      reply({ ok: true, result: call(...request.args) });
    })
    .catch((error: unknown) => {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    });
});
