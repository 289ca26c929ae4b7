/**
 * Threads that a synchronous caller can use: the caller posts each thread a request, does its
 * own share of the work, then blocks on the threads' flags (`Atomics.wait`) and reads their
 * replies from private ports with `receiveMessageOnPort`. The `Backend` interface and a pure
 * training step are synchronous functions; this is how they use more than one core.
 *
 * Node only: the worker API is looked up when threads start (`process.getBuiltinModule`),
 * so that modules importing this one still load in a browser.
 */
import type { MessagePort, Worker } from 'node:worker_threads';

/** A thread failed, or did not answer within the time limit. */
export class SyncThreadError extends Error {
  override readonly name = 'SyncThreadError';
}

/** Threads cannot start here (no `node:worker_threads`, e.g. in a browser). */
export class ThreadsUnavailableError extends Error {
  override readonly name = 'ThreadsUnavailableError';
}

/**
 * Cuts `extent` items into at most `parts` contiguous `[from, to)` ranges of nearly equal
 * length: how work is shared among threads.
 *
 * @example
 * ```ts
 * evenRanges(10, 3); // [[0, 3], [3, 6], [6, 10]]
 * ```
 */
export function evenRanges(extent: number, parts: number): [number, number][] {
  const count = Math.min(parts, extent);
  const out: [number, number][] = [];
  for (let p = 0; p < count; p++) {
    out.push([Math.floor((p * extent) / count), Math.floor(((p + 1) * extent) / count)]);
  }
  return out;
}

/** The flag's values: the caller waits while it is `PENDING`. */
const PENDING = 0;
const REPLIED = 1;

/** The longest a caller waits for a reply: a first request may compile kernels. */
const TIMEOUT_MS = 120_000;

/** What a thread is started with: the caller's data, its reply flag and its reply port. */
interface ThreadStart<D> {
  readonly data: D;
  readonly flag: SharedArrayBuffer;
  readonly replies: MessagePort;
}

type Reply<A> =
  | { readonly ok: true; readonly answer: A }
  | { readonly ok: false; readonly error: string };

/**
 * Threads answering requests of type `Q` with answers of type `A`, called synchronously.
 *
 * @example
 * ```ts
 * const threads = createSyncThreads<number, number>(new URL('./square.js', import.meta.url), {}, 1);
 * const [mine, theirs] = threads.run(() => 2 * 2, [3]); // [4, 9]
 * threads.close();
 * ```
 */
export interface SyncThreads<Q, A> {
  /** How many threads there are besides the calling one. */
  readonly size: number;
  /**
   * Posts `requests[i]` to thread `i`, runs `local()` meanwhile, and returns its result
   * followed by every thread's answer, in order. A thread's failure throws
   * {@link SyncThreadError} naming the thread.
   */
  run<L>(local: () => L, requests: readonly Q[]): [L, ...A[]];
  /** Stops every thread. */
  close(): void;
}

function workerThreads(): typeof import('node:worker_threads') {
  const api = globalThis.process?.getBuiltinModule?.('node:worker_threads');
  if (api === undefined) {
    throw new ThreadsUnavailableError(
      'threads: node:worker_threads is not available here (threads need Node 20.16 or later)',
    );
  }
  return api;
}

/**
 * Starts `size` threads running the module at `file` (which calls {@link serveSync}), each
 * given `data`. Threads are unref'd: they never keep a process alive.
 *
 * @example
 * ```ts
 * const threads = createSyncThreads<Request, NdArray>(new URL(WORKER, import.meta.url), options, 1);
 * ```
 */
export function createSyncThreads<Q, A>(file: URL, data: unknown, size: number): SyncThreads<Q, A> {
  const api = workerThreads();
  const threads: { worker: Worker; flag: Int32Array; replies: MessagePort }[] = [];
  for (let i = 0; i < size; i++) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new api.MessageChannel();
    const start: ThreadStart<unknown> = {
      data,
      flag: flag.buffer as SharedArrayBuffer,
      replies: port2,
    };
    const worker = new api.Worker(file, { workerData: start, transferList: [port2] });
    worker.unref();
    port1.unref();
    threads.push({ worker, flag, replies: port1 });
  }

  const receive = (index: number): A => {
    const thread = threads[index]!;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Atomics.load(thread.flag, 0) === PENDING) {
      if (Date.now() > deadline) {
        throw new SyncThreadError(`thread ${index + 1} did not answer within ${TIMEOUT_MS} ms`);
      }
      Atomics.wait(thread.flag, 0, PENDING, 1000);
    }
    const reply = api.receiveMessageOnPort(thread.replies)?.message as Reply<A> | undefined;
    if (reply === undefined)
      throw new SyncThreadError(`thread ${index + 1} flagged a reply but sent none`);
    if (!reply.ok) throw new SyncThreadError(`thread ${index + 1}: ${reply.error}`);
    return reply.answer;
  };

  return {
    size,
    run<L>(local: () => L, requests: readonly Q[]): [L, ...A[]] {
      requests.forEach((request, i) => {
        const thread = threads[i]!;
        Atomics.store(thread.flag, 0, PENDING);
        thread.worker.postMessage(request);
      });
      // Every posted request is received, even when the local part throws, so that no stale
      // reply is left on a port for the next call.
      let mine: { value: L } | undefined;
      let failure: unknown;
      try {
        mine = { value: local() };
      } catch (error) {
        failure = error;
      }
      const theirs = requests.map((_, i) => receive(i));
      if (mine === undefined) throw failure;
      return [mine.value, ...theirs];
    },
    close() {
      for (const t of threads) void t.worker.terminate();
      threads.length = 0;
    },
  };
}

/**
 * The thread side: answers each request with `answer(request, data)` (or what it throws),
 * where `data` is what {@link createSyncThreads} was given. `answer` may be asynchronous (a
 * first request can wait for modules to load).
 *
 * @example
 * ```ts
 * serveSync<number, number, object>((n) => n * n);
 * ```
 */
export function serveSync<Q, A, D>(answer: (request: Q, data: D) => A | Promise<A>): void {
  const api = workerThreads();
  const start = api.workerData as ThreadStart<D>;
  const flag = new Int32Array(start.flag);
  // Answers are copied into the message rather than transferred: they may be views of memory
  // the thread still uses (a gpu.js kernel's output).
  const reply = (message: Reply<A>): void => {
    start.replies.postMessage(message);
    Atomics.store(flag, 0, REPLIED);
    Atomics.notify(flag, 0);
  };
  api.parentPort?.on('message', (request: Q) => {
    Promise.resolve()
      .then(() => answer(request, start.data))
      .then(
        (value) => reply({ ok: true, answer: value }),
        (error: unknown) =>
          reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
