/**
 * Kernel threads that the main thread calls synchronously. Each thread runs its own gpu.js
 * backend on its part of a call; the main thread computes the first part meanwhile, then
 * blocks on the threads' flags (`Atomics.wait`) and reads their replies from private ports
 * with `receiveMessageOnPort`. Node only: the worker API is looked up at run time
 * (`process.getBuiltinModule`), so that the package still loads in a browser.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { NdArray } from '../../backend.js';
import type { GpujsMode } from '../mode.js';
import type { Routing } from '../routing.js';
import { PENDING, type Reply, type Request, type ThreadData } from './protocol.js';

/** A kernel thread failed, or did not answer within the time limit. */
export class KernelThreadError extends Error {
  override readonly name = 'KernelThreadError';
}

/** Threads cannot start here (no `node:worker_threads`, e.g. in a browser). */
export class ThreadsUnavailableError extends Error {
  override readonly name = 'ThreadsUnavailableError';
}

/** The longest a call waits for a thread: the first call also compiles the thread's kernels. */
const TIMEOUT_MS = 120_000;

// A variable, not a literal: bundlers (Vite, and so vitest) rewrite `new URL('literal',
// import.meta.url)` into an asset URL that a Node worker cannot load.
const WORKER_FILE = './worker.js';

interface Thread {
  readonly worker: Worker;
  readonly flag: Int32Array;
  readonly replies: MessagePort;
}

/** Threads answering backend calls synchronously. */
export interface ThreadPool {
  /** How many threads there are besides the calling one. */
  readonly size: number;
  /** Runs `requests[i]` on thread `i` while `local()` runs here; returns all results in order. */
  run(local: () => NdArray, requests: readonly Request[]): NdArray[];
  /** Stops every thread. */
  close(): void;
}

function workerThreads(): typeof import('node:worker_threads') {
  const api = globalThis.process?.getBuiltinModule?.('node:worker_threads');
  if (api === undefined) {
    throw new ThreadsUnavailableError(
      'gpujs threads: node:worker_threads is not available here (threads need Node 20.16 or later)',
    );
  }
  return api;
}

/** Starts `size` kernel threads, each with a gpu.js backend of these options. */
export function createThreadPool(
  size: number,
  options: { readonly mode: GpujsMode; readonly routing: Routing; readonly cacheSize: number },
): ThreadPool {
  const api = workerThreads();
  const threads: Thread[] = [];
  for (let i = 0; i < size; i++) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new api.MessageChannel();
    const workerData: ThreadData = {
      ...options,
      flag: flag.buffer as SharedArrayBuffer,
      replies: port2,
    };
    const worker = new api.Worker(new URL(WORKER_FILE, import.meta.url), {
      workerData,
      transferList: [port2],
    });
    // Idle threads must not keep the process alive.
    worker.unref();
    port1.unref();
    threads.push({ worker, flag, replies: port1 });
  }

  const receive = (thread: Thread, index: number): NdArray => {
    const deadline = Date.now() + TIMEOUT_MS;
    while (Atomics.load(thread.flag, 0) === PENDING) {
      if (Date.now() > deadline) {
        throw new KernelThreadError(
          `gpujs threads: thread ${index + 1} did not answer within ${TIMEOUT_MS} ms`,
        );
      }
      Atomics.wait(thread.flag, 0, PENDING, 1000);
    }
    const reply = api.receiveMessageOnPort(thread.replies)?.message as Reply | undefined;
    if (reply === undefined)
      throw new KernelThreadError(
        `gpujs threads: thread ${index + 1} flagged a reply but sent none`,
      );
    if (!reply.ok)
      throw new KernelThreadError(`gpujs threads: thread ${index + 1}: ${reply.error}`);
    return reply.result;
  };

  return {
    size,
    run(local, requests) {
      requests.forEach((request, i) => {
        const thread = threads[i]!;
        Atomics.store(thread.flag, 0, PENDING);
        thread.worker.postMessage(request);
      });
      // Every posted request is received, even when the local part throws, so that no stale
      // reply is left on a port for the next call.
      let mine: NdArray | undefined;
      let failure: unknown;
      try {
        mine = local();
      } catch (error) {
        failure = error;
      }
      const theirs = requests.map((_, i) => receive(threads[i]!, i));
      if (mine === undefined) throw failure;
      return [mine, ...theirs];
    },
    close() {
      for (const t of threads) void t.worker.terminate();
      threads.length = 0;
    },
  };
}
