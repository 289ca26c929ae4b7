/**
 * A gpu.js backend whose large calls are cut across kernel threads: convolutions by samples, matrix products by rows or by the contraction (see `split.ts`). The calling thread
 * computes the first part on its own backend while each kernel thread computes one other part;
 * the results are joined into what the undivided call returns (equal up to the order of float32
 * additions in summed parts).
 */
import type { NdArray } from '../../backend.js';
import type { SyncThreads } from '../../threads/sync.js';
import type { GpujsBackend } from '../backend.js';
import type { Request } from './protocol.js';
import { join, MIN_SPLIT_WORK, SPLITS, type Split, type SplitMethod, WORK } from './split.js';

/** `inner` with its splittable methods spread over `pool`'s threads and the calling one. */
export function threaded(inner: GpujsBackend, pool: SyncThreads<Request, NdArray>): GpujsBackend {
  const parts = pool.size + 1;
  function spread<M extends SplitMethod>(method: M) {
    const direct = inner[method].bind(inner) as (...args: Parameters<GpujsBackend[M]>) => NdArray;
    const rule = SPLITS[method] as (
      args: Parameters<GpujsBackend[M]>,
      parts: number,
    ) => Split<M> | null;
    const work = WORK[method] as (args: Parameters<GpujsBackend[M]>) => number;
    return (...args: Parameters<GpujsBackend[M]>): NdArray => {
      if (work(args) < MIN_SPLIT_WORK) return direct(...args);
      const split = rule(args, parts);
      if (split === null || split.parts.length < 2) return direct(...args);
      const [mine, ...theirs] = split.parts;
      const results = pool.run(
        () => direct(...(mine as Parameters<GpujsBackend[M]>)),
        theirs.map((part) => ({ method, args: part })),
      );
      return join(results, split.join);
    };
  }
  return {
    ...inner,
    threads: parts,
    get stats() {
      return inner.stats;
    },
    dispose() {
      pool.close();
      inner.dispose();
    },
    matmul: spread('matmul'),
    conv2d: spread('conv2d'),
    conv2dBackwardInput: spread('conv2dBackwardInput'),
    conv2dBackwardFilter: spread('conv2dBackwardFilter'),
  } as GpujsBackend;
}
