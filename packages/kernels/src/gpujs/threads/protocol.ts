/**
 * What the main thread and a kernel thread say to each other. A request goes by
 * `postMessage`; the reply goes on a private port that the main thread reads synchronously
 * (`receiveMessageOnPort`) after `Atomics.wait` on the thread's flag, so that the `Backend`
 * interface stays synchronous while both threads compute.
 */
import type { NdArray } from '../../backend.js';
import type { GpujsMode } from '../mode.js';
import type { Routing } from '../routing.js';
import type { SplitMethod } from './split.js';

/** The flag's values: the main thread waits while it is `PENDING`. */
export const PENDING = 0;
/** The thread has posted its reply. */
export const REPLIED = 1;

/** What a thread is started with. */
export interface ThreadData {
  readonly mode: GpujsMode;
  readonly routing: Routing;
  readonly cacheSize: number;
  /** An `Int32Array` of length 1 over shared memory: the reply flag. */
  readonly flag: SharedArrayBuffer;
  /** The port replies go on. */
  readonly replies: unknown;
}

/** One backend call for a thread. */
export interface Request {
  readonly method: SplitMethod;
  readonly args: readonly unknown[];
}

/** A thread's reply: the call's result, or the message of what it threw. */
export type Reply =
  | { readonly ok: true; readonly result: NdArray }
  | { readonly ok: false; readonly error: string };
