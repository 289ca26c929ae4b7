/** The configurations `pnpm bench` measures, in full and as the smoke run (one step of each on a batch of 8). */
import type { Spec } from './spec.js';

/** Full: medians of 5 timed runs after a warm-up; smoke: one short run of each kind. */
export function plan(smoke: boolean): Spec[] {
  const r = (steps: number) =>
    smoke ? { warmup: 1, runs: 1, steps: 1 } : { warmup: 2, runs: 5, steps };
  const batches = smoke ? [8] : [128, 32];
  const specs: Spec[] = [];
  for (const batch of batches) {
    const steps = batch === 128 ? 4 : 12;
    specs.push({
      kind: 'tessera',
      model: 'lenet5-modern',
      batch,
      threads: 1,
      split: 'data',
      ...r(steps),
    });
    for (const split of ['kernels', 'data'] as const) {
      specs.push({
        kind: 'tessera',
        model: 'lenet5-modern',
        batch,
        threads: 2,
        split,
        ...r(steps),
      });
    }
    specs.push({ kind: 'tfjs', backend: 'wasm', filterGradient: 'fair', batch, ...r(steps) });
    specs.push({
      kind: 'tfjs',
      backend: 'cpu',
      filterGradient: 'fair',
      batch,
      ...r(batch === 128 ? 1 : 3),
    });
    // tfjs-cpu's own filter gradient trains at about 20 images/s: one short run is enough.
    specs.push({
      kind: 'tfjs',
      backend: 'cpu',
      filterGradient: 'stock',
      batch,
      ...(smoke ? r(1) : { warmup: 1, runs: 1, steps: 1 }),
    });
  }
  specs.push({ kind: 'tessera', model: 'mlp', batch: 32, threads: 1, split: 'data', ...r(40) });
  specs.push(
    smoke
      ? { kind: 'memory', batch: 32, threads: 2, steps: 6, probe: 3 }
      : // One epoch of the 60,000 training images at batch 128.
        { kind: 'memory', batch: 128, threads: 2, steps: 469, probe: 100 },
  );
  return specs;
}
