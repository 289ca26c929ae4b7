/**
 * `pnpm bench:autodiff`: what reverse mode costs.
 *
 * 1. The lecture's 784-100-10 sigmoid network with squared error on a batch of 128: the
 *    forward pass alone against `valueAndGrad` (one forward and one backward pass), in float32,
 *    on the reference backend and on the gpujs backend. Issue 3 asks for a ratio of at most 3.
 * 2. A LeNet-5-shaped training step (batch 32): the share of its time spent inside backend
 *    kernels, measured by wrapping the backend in a timer; the rest is bookkeeping (tracing,
 *    taping, shape checks, allocation).
 *
 * Every figure is the median of several runs after a warm-up run, measured in one process.
 */
import { type Backend, createGpujsBackend, reference } from '@tessera/kernels';
import {
  add,
  avgPool2d,
  conv2d,
  matmul,
  mean,
  reshape,
  sigmoid,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  withBackend,
} from '@tessera/tensor';
import { valueAndGrad } from '../src/index.js';

const RUNS = 9;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeMs(run: () => void, runs = RUNS): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Deterministic float32 values in [-scale, scale). */
function values(shape: readonly number[], seed: number, scale = 1): Tensor {
  const n = shape.reduce((a, d) => a * d, 1);
  const data = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) | 0;
    data[i] = ((s >>> 8) / 2 ** 23 - 1) * scale;
  }
  return tensor(data, { shape });
}

interface Mlp {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;
}

// The lecture's loss: half the sum of squares per sample, averaged over the batch.
function mlpLoss(p: Mlp, x: Tensor, y: Tensor): Tensor {
  const h = sigmoid(add(matmul(x, p.w1), p.b1));
  const out = sigmoid(add(matmul(h, p.w2), p.b2));
  return mean(sum(square(sub(out, y)), { axis: 1 }));
}

interface LeNet {
  c1: Tensor;
  c3: Tensor;
  c5: Tensor;
  f6: Tensor;
  out: Tensor;
}

function lenetLoss(p: LeNet, x: Tensor, y: Tensor): Tensor {
  const s2 = avgPool2d(tanh(conv2d(x, p.c1)), 2);
  const s4 = avgPool2d(tanh(conv2d(s2, p.c3)), 2);
  const c5 = tanh(reshape(conv2d(s4, p.c5), [x.shape[0]!, -1]));
  const f6 = tanh(matmul(c5, p.f6));
  return mean(sum(square(sub(matmul(f6, p.out), y)), { axis: 1 }));
}

/** The backend with a stopwatch around every kernel call. */
function timed(backend: Backend): { backend: Backend; elapsed: () => number; reset: () => void } {
  let total = 0;
  const wrapped = Object.fromEntries(
    Object.entries(backend).map(([key, value]) => [
      key,
      typeof value === 'function'
        ? (...args: unknown[]) => {
            const start = performance.now();
            const out = (value as (...a: unknown[]) => unknown).apply(backend, args);
            total += performance.now() - start;
            return out;
          }
        : value,
    ]),
  ) as unknown as Backend;
  return {
    backend: wrapped,
    elapsed: () => total,
    reset: () => {
      total = 0;
    },
  };
}

const backends: readonly [string, Backend][] = [
  ['reference', reference],
  ['gpujs', createGpujsBackend()],
];

const mlp: Mlp = {
  w1: values([784, 100], 1, 0.05),
  b1: values([100], 2, 0.05),
  w2: values([100, 10], 3, 0.1),
  b2: values([10], 4, 0.1),
};
const x = values([128, 784], 5);
const y = values([128, 10], 6);

const rows: Record<string, unknown>[] = [];
for (const [name, backend] of backends) {
  withBackend(backend, () => {
    const forward = timeMs(() => mlpLoss(mlp, x, y).data());
    const both = timeMs(() => {
      const [value, g] = valueAndGrad(mlpLoss)(mlp, x, y);
      value.data();
      g.w1.data();
    });
    rows.push({
      bench: 'mlp 784-100-10, batch 128',
      backend: name,
      forwardMs: forward,
      valueAndGradMs: both,
      ratio: both / forward,
    });
  });
}

const lenet: LeNet = {
  c1: values([6, 1, 5, 5], 7, 0.2),
  c3: values([16, 6, 5, 5], 8, 0.1),
  c5: values([120, 16, 5, 5], 9, 0.05),
  f6: values([120, 84], 10, 0.1),
  out: values([84, 10], 11, 0.1),
};
const images = values([32, 1, 32, 32], 12);
const targets = values([32, 10], 13);
for (const [name, backend] of backends) {
  const clock = timed(backend);
  withBackend(clock.backend, () => {
    const step = () => {
      const [value, g] = valueAndGrad(lenetLoss)(lenet, images, targets);
      value.data();
      g.c1.data();
    };
    step();
    const totals: number[] = [];
    const kernels: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      clock.reset();
      const start = performance.now();
      step();
      totals.push(performance.now() - start);
      kernels.push(clock.elapsed());
    }
    const total = median(totals);
    const inKernels = median(kernels);
    rows.push({
      bench: 'lenet-5 step, batch 32',
      backend: name,
      stepMs: total,
      kernelMs: inKernels,
      kernelShare: inKernels / total,
      bookkeepingShare: 1 - inKernels / total,
    });
  });
}

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(v < 1 ? 3 : 1) : String(v));
for (const row of rows)
  console.log(
    Object.entries(row)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join('  '),
  );
console.log(JSON.stringify(rows));
