/**
 * `pnpm bench`: trains the same LeNet-5 with Tessera (gpujs, one and two threads) and with
 * TensorFlow.js (cpu and wasm) in one run, each configuration in a child process, and prints
 * training and inference images/s (medians of 5 runs after a warm-up), the ratios, peak RSS,
 * RSS over an epoch, the lecture's MLP, and writes everything as JSON.
 *
 *   node dist/src/main.js [--smoke] [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plan } from './plan.js';
import { type MemoryTrace, median, type Outcome, type Spec, type Throughput } from './spec.js';
import { summarise } from './summary.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : smoke ? undefined : 'results/latest.json';
const child = fileURLToPath(new URL('./child.js', import.meta.url));

function measure(spec: Spec): Outcome {
  const stdout = execFileSync(process.execPath, [child, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Outcome;
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

const started = performance.now();
const outcomes: Outcome[] = [];
for (const spec of plan(smoke)) {
  const outcome = measure(spec);
  outcomes.push(outcome);
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
