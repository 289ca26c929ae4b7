/**
 * Timing helpers for the benchmarks: run a function several times after a warm-up and
 * report the median (robust to the other processes on a shared machine) and the minimum.
 */

import { availableParallelism, loadavg } from 'node:os';

/** Median and minimum of `runs` timed calls of `fn`, in milliseconds, after `warmup` calls. */
export function time(fn: () => unknown, runs: number, warmup = 2): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]! };
}

/** `label  median ms (min ms)` padded into columns. */
export function report(label: string, t: { median: number; min: number }, extra = ''): void {
  const ms = (v: number) => `${v.toFixed(2).padStart(8)} ms`;
  console.log(`${label.padEnd(44)} median ${ms(t.median)}   min ${ms(t.min)}${extra}`);
}

/** A header line: what was measured and on what (cores, load average, Node). */
export function header(what: string): void {
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    `${what} (Node ${process.version}, ${availableParallelism()} cores, load average ${load})`,
  );
}
