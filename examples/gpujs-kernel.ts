// A gpu.js kernel written the way @tessera/kernels writes its own (docs/gpujs-kernels.md walks
// through it): `sign` elementwise, generated as source text with its size written in, compiled
// once per size and cached, checked against the reference backend, and timed against the
// reference loop to find the size from which gpu.js pays off.
// Run: pnpm --filter @tessera/examples gpujs-kernel
import { type NdArray, reference } from '@tessera/kernels';
import { GPU, type IGPUKernelSettings, type IKernelRunShortcut } from 'gpu.js';
import { numberFlag, parseFlags, runIfMain } from './lib.js';

// Step 1: the kernel as source text. Sizes are literals (here the output length), so no loop
// bound can be capped by gpu.js's loopMaxIterations and nothing depends on setConstants.
// One thread per element; `this.thread.x` is the element. NaN, 0 and -0 return themselves,
// as in the reference backend.
export function signSource(): string {
  return `function(x) {
const v = x[this.thread.x];
return v > 0 ? 1 : (v < 0 ? -1 : v);
}`;
}

// Step 2: compile with the settings the backend uses: flat float32 arrays in, single
// precision, one number per thread. gpu.js compiles on the first call.
export function compileSign(gpu: GPU, n: number): IKernelRunShortcut {
  const settings: IGPUKernelSettings & { returnType: string } = {
    output: [n],
    argumentTypes: { x: 'Array' },
    returnType: 'Number',
    precision: 'single',
    tactic: 'precision',
  };
  return gpu.createKernel(signSource(), settings);
}

// Step 3: one compiled kernel per size, at most `capacity` of them; the least recently used is
// destroyed (each holds WebAssembly memory). @tessera/kernels keeps 64 in an LRU cache.
export class SignKernels {
  readonly #gpu: GPU;
  readonly #capacity: number;
  readonly #kernels = new Map<number, IKernelRunShortcut>();
  compiled = 0;

  constructor(gpu: GPU, capacity = 8) {
    this.#gpu = gpu;
    this.#capacity = capacity;
  }

  run(x: Float32Array): Float32Array {
    let kernel = this.#kernels.get(x.length);
    if (kernel === undefined) {
      kernel = compileSign(this.#gpu, x.length);
      this.compiled++;
    }
    this.#kernels.delete(x.length); // re-inserting makes it the most recently used
    this.#kernels.set(x.length, kernel);
    for (const [size, old] of this.#kernels) {
      if (this.#kernels.size <= this.#capacity) break;
      this.#kernels.delete(size);
      old.destroy();
    }
    return kernel(x) as Float32Array;
  }

  destroy(): void {
    for (const kernel of this.#kernels.values()) kernel.destroy();
    this.#kernels.clear();
  }
}

// Step 4: route by measured break-even: below `minWork` elements the plain loop is faster.
export function sign(kernels: SignKernels, x: NdArray<'float32'>, minWork: number): NdArray {
  if (x.data.length < minWork) return reference.unary('sign', x);
  return { dtype: 'float32', shape: [...x.shape], data: kernels.run(x.data) };
}

/** `n` float32 values from a seed, with the special values at the front. */
export function values(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 10;
  }
  out.set([0, -0, Number.NaN, Number.POSITIVE_INFINITY, -1e-30].slice(0, n));
  return out;
}

// Step 5: test against the reference backend in float64. sign is exact, so the float32
// result must equal the float64 one rounded, bit for bit (NaN equal to NaN, -0 distinct from 0).
export function firstDifference(kernels: SignKernels, n: number): number {
  const x = values(n);
  const got = kernels.run(x);
  const want = reference.unary('sign', {
    dtype: 'float64',
    shape: [n],
    data: Float64Array.from(x),
  });
  for (let i = 0; i < n; i++) if (!Object.is(got[i], Math.fround(want.data[i]!))) return i;
  return -1;
}

/** Median milliseconds of `calls` calls of `f`, after one untimed call. */
function median(f: () => unknown, calls: number): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(calls / 2)]!;
}

/** One row of the timing table. */
export interface Timing {
  readonly n: number;
  readonly gpujsMs: number;
  readonly referenceMs: number;
}

// Step 6: measure, then write the break-even down (in the package: MIN_WORK in routing.ts).
export function timeSign(kernels: SignKernels, sizes: readonly number[], calls = 21): Timing[] {
  return sizes.map((n) => {
    const x = values(n);
    const nd: NdArray<'float32'> = { dtype: 'float32', shape: [n], data: x };
    return {
      n,
      gpujsMs: median(() => kernels.run(x), calls),
      referenceMs: median(() => reference.unary('sign', nd), calls),
    };
  });
}

/** The smallest measured size from which gpu.js was faster at every larger size, or null. */
export function breakEven(timings: readonly Timing[]): number | null {
  let from: number | null = null;
  for (const t of [...timings].reverse()) {
    if (t.gpujsMs >= t.referenceMs) break;
    from = t.n;
  }
  return from;
}

runIfMain(import.meta.url, (argv) => {
  const flags = parseFlags(
    argv,
    ['max-log2', 'calls'],
    'usage: gpujs-kernel [--max-log2 20] [--calls 21]',
  );
  const gpu = new GPU({ mode: 'webasm' });
  const kernels = new SignKernels(gpu);
  try {
    for (const n of [1, 7, 4096, 65_537]) {
      const at = firstDifference(kernels, n);
      const verdict = at === -1 ? 'identical to the reference' : `differs at ${at}`;
      console.log(`sign of ${n} element${n === 1 ? '' : 's'}: ${verdict}`);
    }
    const maxLog2 = numberFlag(flags, 'max-log2', 20);
    const sizes = Array.from({ length: (maxLog2 - 8) / 2 + 1 }, (_, i) => 2 ** (8 + 2 * i));
    const timings = timeSign(kernels, sizes, numberFlag(flags, 'calls', 21));
    console.log('\n  elements   gpu.js ms   reference ms');
    for (const t of timings) {
      console.log(
        `${String(t.n).padStart(10)} ${t.gpujsMs.toFixed(3).padStart(11)} ${t.referenceMs.toFixed(3).padStart(14)}`,
      );
    }
    const from = breakEven(timings);
    console.log(
      from === null
        ? '\ngpu.js was never faster here: keep sign on the reference loop.'
        : `\ngpu.js was faster from ${from} elements on: route calls of that size or more to it.`,
    );
    console.log(`kernels compiled: ${kernels.compiled}`);
    const x: NdArray<'float32'> = {
      dtype: 'float32',
      shape: [3],
      data: new Float32Array([-2, 0, 5]),
    };
    console.log(
      `routed sign([-2, 0, 5]) = [${Array.from(sign(kernels, x, from ?? Infinity).data)}]`,
    );
  } finally {
    kernels.destroy();
    void gpu.destroy();
  }
});
