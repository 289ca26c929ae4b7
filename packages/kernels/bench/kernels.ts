/**
 * `pnpm bench:kernels`: the gpujs backend against the reference backend's float32 loops, in one
 * process, on the shapes that dominate LeNet-5 training. Prints a table, then the same figures
 * as JSON. Each figure is the median of several timed calls after one untimed call (which
 * compiles the gpu.js kernel; its time is reported separately).
 */
import {
  type Backend,
  backendInfo,
  type Conv2dGeometry,
  createGpujsBackend,
  type NdArray,
  reference,
  sizeOf,
} from '../src/index.js';

interface Case {
  readonly name: string;
  /** Floating-point operations of one call (2 per multiply-add), or elements for tanh. */
  readonly work: number;
  readonly unit: 'GFLOP/s' | 'Melem/s';
  readonly run: (backend: Backend) => NdArray;
}

interface Row {
  readonly name: string;
  readonly unit: string;
  readonly gpujsMs: number;
  readonly referenceMs: number;
  readonly gpujsRate: number;
  readonly referenceRate: number;
  readonly ratio: number;
  readonly compileMs: number;
}

const GPUJS_RUNS = 9;
const REFERENCE_RUNS = 5;

/** Deterministic float32 values in [-1, 1). */
function buffer(shape: readonly number[], seed: number): NdArray<'float32'> {
  const data = new Float32Array(sizeOf(shape));
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) | 0;
    data[i] = (s >>> 8) / 2 ** 23 - 1;
  }
  return { dtype: 'float32', shape: [...shape], data };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeRuns(f: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

const valid: Conv2dGeometry = {
  strides: [1, 1],
  padding: [
    [0, 0],
    [0, 0],
  ],
};

function matmulCase(m: number, k: number, n: number): Case {
  const a = buffer([1, m, k], 1);
  const b = buffer([1, k, n], 2);
  const options = { transposeA: false, transposeB: false };
  return {
    name: `matmul ${m}x${k} . ${k}x${n}`,
    work: 2 * m * k * n,
    unit: 'GFLOP/s',
    run: (backend) => backend.matmul(a, b, options),
  };
}

function convCases(label: string, xShape: number[], wShape: number[]): Case[] {
  const x = buffer(xShape, 3);
  const w = buffer(wShape, 4);
  const y = reference.conv2d(x, w, valid);
  const work = 2 * y.data.length * wShape[1]! * wShape[2]! * wShape[3]!;
  const shape = `${xShape.join('x')} -> ${wShape[0]}@${y.shape[2]}x${y.shape[3]}`;
  return [
    {
      name: `${label} forward (${shape})`,
      work,
      unit: 'GFLOP/s',
      run: (backend) => backend.conv2d(x, w, valid),
    },
    {
      name: `${label} input gradient`,
      work,
      unit: 'GFLOP/s',
      run: (backend) => backend.conv2dBackwardInput(y, w, { ...valid, inputShape: xShape }),
    },
    {
      name: `${label} filter gradient`,
      work,
      unit: 'GFLOP/s',
      run: (backend) => backend.conv2dBackwardFilter(x, y, { ...valid, filterShape: wShape }),
    },
  ];
}

function tanhCase(): Case {
  const x = buffer([2 ** 20], 5);
  return { name: 'tanh 1M', work: 2 ** 20, unit: 'Melem/s', run: (b) => b.unary('tanh', x) };
}

function rate(c: Case, ms: number): number {
  return c.unit === 'GFLOP/s' ? c.work / ms / 1e6 : c.work / ms / 1e3;
}

function measure(c: Case, gpujs: Backend): Row {
  const t0 = performance.now();
  c.run(gpujs); // compiles
  const compileMs = performance.now() - t0;
  const gpujsMs = timeRuns(() => c.run(gpujs), GPUJS_RUNS);
  c.run(reference);
  const referenceMs = timeRuns(() => c.run(reference), REFERENCE_RUNS);
  return {
    name: c.name,
    unit: c.unit,
    gpujsMs,
    referenceMs,
    gpujsRate: rate(c, gpujsMs),
    referenceRate: rate(c, referenceMs),
    ratio: referenceMs / gpujsMs,
    compileMs,
  };
}

interface Memory {
  readonly calls: number;
  /** Resident set size (MiB) after a garbage collection, every 2,000 calls. */
  readonly rssMiB: number[];
  /** JS heap, external and array-buffer memory (MiB) after a garbage collection, likewise. */
  readonly heldMiB: number[];
}

/**
 * Memory across 10,000 calls of three small cached kernels, sampled every 2,000 calls after a
 * garbage collection (the script runs with --expose-gc): flat figures mean no call leaks.
 */
function memory(gpujs: Backend): Memory {
  const a = buffer([1, 64, 64], 6);
  const x = buffer([4, 3, 16, 16], 7);
  const w = buffer([8, 3, 3, 3], 8);
  const pool = { window: [2, 2], strides: [2, 2] } as const;
  const round = () => {
    gpujs.matmul(a, a, { transposeA: false, transposeB: false });
    gpujs.conv2d(x, w, valid);
    gpujs.maxPool2d(x, pool);
  };
  const rssMiB: number[] = [];
  const heldMiB: number[] = [];
  const sample = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    rssMiB.push(Math.round((m.rss / 2 ** 20) * 10) / 10);
    heldMiB.push(Math.round(((m.heapUsed + m.external + m.arrayBuffers) / 2 ** 20) * 10) / 10);
  };
  for (let i = 0; i < 100; i++) round();
  sample();
  for (let block = 0; block < 5; block++) {
    for (let i = 0; i < 667; i++) round(); // 2,001 calls
    sample();
  }
  return { calls: 5 * 667 * 3, rssMiB, heldMiB };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function main(): void {
  const gpujs = createGpujsBackend();
  const cases = [
    matmulCase(512, 512, 512),
    matmulCase(128, 400, 120),
    ...convCases('LeNet-5 C1', [128, 1, 32, 32], [6, 1, 5, 5]),
    ...convCases('LeNet-5 C3', [128, 6, 14, 14], [16, 6, 5, 5]),
    tanhCase(),
  ];
  const rows = cases.map((c) => measure(c, gpujs));
  const head = `${pad('kernel', 44)}${pad('gpujs', 11, true)}${pad('reference', 11, true)}${pad('ratio', 8, true)}${pad('gpujs ms', 10, true)}${pad('ref ms', 10, true)}${pad('compile ms', 12, true)}  unit`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    console.log(
      `${pad(r.name, 44)}${pad(r.gpujsRate.toFixed(2), 11, true)}${pad(r.referenceRate.toFixed(2), 11, true)}${pad(`${r.ratio.toFixed(2)}x`, 8, true)}${pad(r.gpujsMs.toFixed(1), 10, true)}${pad(r.referenceMs.toFixed(1), 10, true)}${pad(r.compileMs.toFixed(0), 12, true)}  ${r.unit}`,
    );
  }
  const mem = memory(gpujs);
  console.log(
    `\nmemory over ${mem.calls} kernel calls, every 2,001 calls after GC: RSS ${mem.rssMiB.join(', ')} MiB; JS heap + buffers ${mem.heldMiB.join(', ')} MiB`,
  );
  console.log(
    JSON.stringify({
      backend: backendInfo(gpujs),
      runs: { gpujs: GPUJS_RUNS, reference: REFERENCE_RUNS, statistic: 'median' },
      rows,
      memory: mem,
    }),
  );
  gpujs.dispose();
}

main();
