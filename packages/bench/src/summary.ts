/** The ratios and targets of issue 9, from the measured outcomes. */
import { type MemoryTrace, median, type Outcome, type Throughput } from './spec.js';

/** The figures the targets are stated in, and the lines that print them. */
export interface Summary {
  readonly ratios: Readonly<Record<string, number>>;
  readonly lines: readonly string[];
}

/** Median training images/s of the first outcome that `pick` accepts, if it ran. */
function trainRate(
  outcomes: readonly Outcome[],
  pick: (o: Outcome) => boolean,
): number | undefined {
  const found = outcomes.find((o) => o.ok && pick(o));
  return found?.ok ? median((found.result as Throughput).train) : undefined;
}

const IMAGES_20_EPOCHS = 20 * 60_000;

/** The ratios against TensorFlow.js at each batch, the 20-epoch time and the RSS drift. */
export function summarise(outcomes: readonly Outcome[]): Summary {
  const ratios: Record<string, number> = {};
  const lines: string[] = [];
  const batches = [
    ...new Set(outcomes.flatMap((o) => (o.spec.kind === 'tfjs' ? [o.spec.batch] : []))),
  ];
  for (const batch of batches) {
    const rates = outcomes.map((o) =>
      o.ok &&
      o.spec.kind === 'tessera' &&
      o.spec.model === 'lenet5-modern' &&
      o.spec.batch === batch
        ? median((o.result as Throughput).train)
        : 0,
    );
    const tessera = Math.max(0, ...rates);
    for (const [backend, gradient] of [
      ['cpu', 'fair'],
      ['cpu', 'stock'],
      ['wasm', 'fair'],
    ] as const) {
      const tfjs = trainRate(
        outcomes,
        (o) =>
          o.spec.kind === 'tfjs' &&
          o.spec.backend === backend &&
          o.spec.filterGradient === gradient &&
          o.spec.batch === batch,
      );
      if (tfjs === undefined || tessera === 0) continue;
      const name = `b${batch} tessera / tfjs-${backend}-${gradient}`;
      ratios[name] = tessera / tfjs;
      lines.push(
        `${name.padEnd(40)} ${(tessera / tfjs).toFixed(2)}x (training, Tessera's best configuration)`,
      );
    }
    if (batch === 128 && tessera > 0) {
      ratios['20 epochs of 60,000 images, minutes'] = IMAGES_20_EPOCHS / tessera / 60;
      lines.push(
        `20 epochs of 60,000 images at batch 128: ${(IMAGES_20_EPOCHS / tessera / 60).toFixed(1)} min of training steps`,
      );
    }
  }
  const memory = outcomes.find((o) => o.ok && o.spec.kind === 'memory');
  if (memory?.ok) {
    const m = memory.result as MemoryTrace;
    const drift = m.rssAtEndMiB / m.rssAfterProbeMiB - 1;
    ratios['RSS drift over the memory run'] = drift;
    lines.push(
      `RSS at the end of ${m.steps} steps against after the probe: ${(drift * 100).toFixed(1)}%`,
    );
  }
  return { ratios, lines };
}
