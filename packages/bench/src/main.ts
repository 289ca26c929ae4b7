/**
 * `pnpm bench`: trains the same LeNet-5 with Tessera (gpujs, one and two threads) and with
 * TensorFlow.js (cpu and wasm) in one run, each configuration in a child process, and prints
 * training and inference images/s (medians of 5 runs after a warm-up), the ratios, peak RSS,
 * RSS over an epoch, the lecture's MLP, and writes everything as JSON.
 *
 *   node dist/src/main.js [--smoke] [--out FILE]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { plan } from './plan.js';
import { type MemoryTrace, median, type Outcome, type Spec, type Throughput } from './spec.js';
import { summarise } from './summary.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : smoke ? undefined : 'results/latest.json';
const child = fileURLToPath(new URL('./child.js', import.meta.url));

const run = promisify(execFile);

async function measure(spec: Spec): Promise<Outcome> {
  const running = run(process.execPath, [child, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  running.child.stderr?.pipe(process.stderr);
  const { stdout } = await running;
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Outcome;
}

/**
 * Measures `specs` with at most `width` children at a time, reporting each outcome in plan
 * order. The full benchmark runs one at a time (timings must not share the cores); the smoke
 * run checks only that every configuration works, so it uses every core.
 */
async function measureAll(
  specs: readonly Spec[],
  width: number,
  report: (outcome: Outcome) => void,
): Promise<Outcome[]> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const limited = async (spec: Spec): Promise<Outcome> => {
    if (active >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await measure(spec);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  const running = specs.map(limited);
  const outcomes: Outcome[] = [];
  for (const outcome of running) {
    outcomes.push(await outcome);
    report(outcomes.at(-1)!);
  }
  return outcomes;
}

function label(spec: Spec): string {
  switch (spec.kind) {
    case 'tessera':
      return spec.threads === 1
        ? `tessera ${spec.model} b${spec.batch} gpujs 1 thread`
        : `tessera ${spec.model} b${spec.batch} gpujs ${spec.threads} threads (${spec.split})`;
    case 'tfjs':
      return `tfjs ${spec.backend} (${spec.filterGradient}) b${spec.batch}`;
    case 'memory':
      return `tessera memory b${spec.batch}, ${spec.steps} steps`;
  }
}

function print(outcome: Outcome): void {
  const spec = outcome.spec;
  if (!outcome.ok) {
    console.log(`${label(spec).padEnd(44)} failed: ${outcome.error}`);
  } else if (spec.kind === 'memory') {
    const m = outcome.result as MemoryTrace;
    console.log(
      `${label(spec).padEnd(44)} RSS ${m.rssAfterProbeMiB.toFixed(0)} MiB after ${spec.probe} steps, ${m.rssAtEndMiB.toFixed(0)} MiB at the end`,
    );
  } else {
    const t = outcome.result as Throughput;
    console.log(
      `${label(spec).padEnd(44)} train ${median(t.train).toFixed(0).padStart(6)} img/s  infer ${median(t.infer).toFixed(0).padStart(7)} img/s  peak RSS ${outcome.peakRssMiB.toFixed(0)} MiB`,
    );
  }
}

const started = performance.now();
const outcomes = await measureAll(plan(smoke), smoke ? availableParallelism() : 1, print);
const summary = summarise(outcomes);
console.log('');
for (const line of summary.lines) console.log(line);
const seconds = (performance.now() - started) / 1000;
console.log(`\n${smoke ? 'smoke run' : 'benchmark'} took ${seconds.toFixed(0)} s`);

const report = {
  date: new Date().toISOString(),
  smoke,
  machine: {
    cpus: availableParallelism(),
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  },
  outcomes,
  ratios: summary.ratios,
  seconds,
};
if (out !== undefined) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
if (outcomes.some((o) => !o.ok)) process.exitCode = 1;
