/** What the calling thread asks a kernel thread. */
import type { SplitMethod } from './split.js';

/** One backend call for a kernel thread. */
export interface Request {
  readonly method: SplitMethod;
  readonly args: readonly unknown[];
}
