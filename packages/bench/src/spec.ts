/**
 * What one benchmark measures. Each spec runs in a child process of its own, so that peak RSS
 * is the configuration's own and tfjs's global engine never meets Tessera's backend.
 */

/** How many timed runs, of how many steps, after how many untimed steps. */
export interface Repeats {
  readonly warmup: number;
  readonly runs: number;
  readonly steps: number;
}

/** A Tessera model trained with SGD on the gpujs backend. */
export interface TesseraSpec extends Repeats {
  readonly kind: 'tessera';
  readonly model: 'lenet5-modern' | 'mlp';
  readonly batch: number;
  /** Threads, the calling one included. */
  readonly threads: number;
  /** How threads share the work: each batch's parts (`data`) or each kernel's (`kernels`). */
  readonly split: 'data' | 'kernels';
}

/** The same LeNet-5 on TensorFlow.js. */
export interface TfjsSpec extends Repeats {
  readonly kind: 'tfjs';
  readonly backend: 'cpu' | 'wasm';
  /** `stock`: tfjs's own conv2d gradients; `fair`: the filter gradient from its forward kernel. */
  readonly filterGradient: 'stock' | 'fair';
  readonly batch: number;
}

/** RSS over many Tessera training steps: after the first `probe` steps and at the end. */
export interface MemorySpec {
  readonly kind: 'memory';
  readonly batch: number;
  readonly threads: number;
  readonly steps: number;
  readonly probe: number;
}

/** Any benchmark. */
export type Spec = TesseraSpec | TfjsSpec | MemorySpec;

/** Throughput of one configuration: images per second of each timed run. */
export interface Throughput {
  readonly train: readonly number[];
  readonly infer: readonly number[];
}

/** What a child process reports. */
export type Outcome =
  | {
      readonly ok: true;
      readonly spec: Spec;
      readonly peakRssMiB: number;
      readonly result: Throughput | MemoryTrace;
    }
  | { readonly ok: false; readonly spec: Spec; readonly error: string };

/** RSS after the probe steps and after all steps, in MiB. */
export interface MemoryTrace {
  readonly rssAfterProbeMiB: number;
  readonly rssAtEndMiB: number;
  readonly steps: number;
}

/** The median of `xs` (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
