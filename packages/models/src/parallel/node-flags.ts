/**
 * The V8 flags data-parallel training runs best under, and a way for a script to run itself
 * under them (Node only).
 *
 * Why: a training step allocates many short-lived buffers, so both isolates collect garbage
 * often. By default V8 collects with helper threads (parallel scavenges, concurrent marking
 * and sweeping); when both cores already compute, those helpers take a core from a training
 * thread, and a step waits for the slower thread. Measured (LeNet-5 modern, batch 128, 2
 * threads, median of 80 steps after 20, `lenet5Modern` on gpujs): about 95 ms a step by
 * default, 71 ms with `--single-threaded-gc`, 58-59 ms with `--single-threaded-gc
 * --max-semi-space-size=64` (a larger young generation: fewer scavenges). One thread is 4%
 * slower with them (its helpers had the idle core), so only data-parallel runs use them.
 */
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * The Node flags for data-parallel training (see the module comment for the measurements).
 *
 * @example
 * ```ts
 * // node --single-threaded-gc --max-semi-space-size=64 train.mjs
 * DATA_PARALLEL_NODE_FLAGS; // ['--single-threaded-gc', '--max-semi-space-size=64']
 * ```
 */
export const DATA_PARALLEL_NODE_FLAGS: readonly string[] = [
  '--single-threaded-gc',
  '--max-semi-space-size=64',
];

/**
 * The flags of `wanted` that `execArgv` (a process's Node flags) does not set, matched by name
 * so that `--max-semi-space-size=32` counts as set.
 *
 * @example
 * ```ts
 * missingNodeFlags(['--max-semi-space-size=32']); // ['--single-threaded-gc']
 * ```
 */
export function missingNodeFlags(
  execArgv: readonly string[],
  wanted: readonly string[] = DATA_PARALLEL_NODE_FLAGS,
): string[] {
  const name = (flag: string) => flag.split('=')[0]!.replaceAll('_', '-');
  const set = new Set(execArgv.map(name));
  return wanted.filter((flag) => !set.has(name(flag)));
}

/**
 * Runs the script at `scriptUrl` (its `import.meta.url`) again with `args` (by default this
 * process's arguments) in a child Node process that has the
 * {@link DATA_PARALLEL_NODE_FLAGS} this one lacks, and returns the child's exit code; returns
 * `null` (the caller goes on in this process) when nothing is missing or when the environment
 * sets `TESSERA_NODE_FLAGS=off`. The child shares the terminal; this process ignores SIGINT
 * and SIGTERM meanwhile, so that the child, which receives them too, decides how to stop.
 *
 * @example
 * ```ts
 * const code = rerunWithNodeFlags(import.meta.url);
 * if (code !== null) process.exit(code);
 * ```
 */
export function rerunWithNodeFlags(
  scriptUrl: string,
  args: readonly string[] = process.argv.slice(2),
): number | null {
  const missing = missingNodeFlags(process.execArgv);
  if (missing.length === 0 || process.env.TESSERA_NODE_FLAGS === 'off') return null;
  const ignore = () => {};
  process.on('SIGINT', ignore).on('SIGTERM', ignore);
  try {
    // The child never reruns again, whatever its flags turn out to be.
    const child = spawnSync(
      process.execPath,
      [...missing, ...process.execArgv, fileURLToPath(scriptUrl), ...args],
      {
        stdio: 'inherit',
        env: { ...process.env, TESSERA_NODE_FLAGS: 'off' },
      },
    );
    if (child.error) throw child.error;
    // A child killed by a signal has no status: 128 + the signal's number, as shells report it.
    return child.status ?? 128 + (child.signal === null ? 0 : constants.signals[child.signal]);
  } finally {
    process.off('SIGINT', ignore).off('SIGTERM', ignore);
  }
}
