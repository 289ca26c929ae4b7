/**
 * One benchmark in a process of its own: `node child.js '<spec as JSON>'` prints one line, the
 * {@link Outcome} as JSON.
 */
import { rerunWithNodeFlags } from '@tessera/models';
import { syntheticBatch } from './batch.js';
import type { Outcome, Spec, TfjsSpec, Throughput } from './spec.js';
import { dataThreads, runMemory, runTessera } from './tessera-run.js';
import { createTfjsTrainer, measureTfjs } from './tfjs-lenet.js';

async function runTfjs(spec: TfjsSpec): Promise<Throughput> {
  const { images, labels } = syntheticBatch(spec.batch, 32);
  const trainer = await createTfjsTrainer({
    backend: spec.backend,
    filterGradient: spec.filterGradient,
    batchSize: spec.batch,
    images,
    labels,
    lr: 0.01,
  });
  try {
    const m = measureTfjs(trainer, {
      warmup: spec.warmup,
      runs: spec.runs,
      stepsPerRun: spec.steps,
    });
    return { train: m.trainImagesPerSecond, infer: m.inferImagesPerSecond };
  } finally {
    trainer.dispose();
  }
}

async function run(spec: Spec): Promise<Outcome> {
  try {
    const result =
      spec.kind === 'tessera'
        ? runTessera(spec)
        : spec.kind === 'tfjs'
          ? await runTfjs(spec)
          : runMemory(spec);
    // maxRSS is in KiB.
    return { ok: true, spec, peakRssMiB: process.resourceUsage().maxRSS / 1024, result };
  } catch (error) {
    return { ok: false, spec, error: error instanceof Error ? error.message : String(error) };
  }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
// Data-parallel training runs under the V8 flags `tessera train` reruns itself under.
const rerun =
  spec.kind !== 'tfjs' && dataThreads(spec) > 1 ? rerunWithNodeFlags(import.meta.url) : null;
if (rerun === null) process.stdout.write(`${JSON.stringify(await run(spec))}\n`);
else process.exitCode = rerun;
