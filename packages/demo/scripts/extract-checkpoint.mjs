// Writes the demo's static checkpoint: the parameters of a `tessera train lenet5-modern` run,
// without the optimizer state (Adam's two moments triple the file), through @tessera/models'
// checkpoint API, so the page decodes it with the same decodeCheckpoint.
//
//   node scripts/extract-checkpoint.mjs [run-folder-or-checkpoint] [out]
//
// By default it reads ../../runs/lenet5-modern-seed0 (what `pnpm start` writes) and writes
// public/lenet5-modern.safetensors. The run's test.json, when present, goes into the metrics.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCheckpoint, lenet5Modern, loadCheckpoint, restoreInto } from '@tessera/models';
import { key } from '@tessera/random';

const here = dirname(fileURLToPath(import.meta.url));
const input = process.argv[2] ?? join(here, '../../../runs/lenet5-modern-seed0');
const out = process.argv[3] ?? join(here, '../public/lenet5-modern.safetensors');
const file = statSync(input).isDirectory() ? join(input, 'checkpoint.safetensors') : input;

const checkpoint = loadCheckpoint(file);
if (checkpoint.config.model !== 'lenet5-modern') {
  throw new Error(`${file} holds a ${checkpoint.config.model} model, not lenet5-modern`);
}
// Fails, naming the tensor, unless the parameters fit the model the page builds.
const model = lenet5Modern();
const params = restoreInto(model.layer.init(key(0), model.inputShape)[1], checkpoint.params);

const testFile = join(dirname(file), 'test.json');
const test = existsSync(testFile) ? JSON.parse(readFileSync(testFile, 'utf8')) : null;
const history = Array.isArray(checkpoint.metrics) ? checkpoint.metrics : [checkpoint.metrics];
const last = history.at(-1) ?? null;
const bytes = encodeCheckpoint({
  params,
  optState: [],
  epoch: checkpoint.epoch,
  step: checkpoint.step,
  keys: [],
  config: checkpoint.config,
  metrics: {
    valError: last?.valError ?? null,
    testError: test?.errorRate ?? null,
    testCount: test?.count ?? null,
  },
});
writeFileSync(out, bytes);
console.log(
  `${relative(process.cwd(), out)}: ${bytes.length} bytes (from ${file}, ${statSync(file).size} bytes); ` +
    `epoch ${checkpoint.epoch}, test error ${test === null ? 'unknown' : `${(100 * test.errorRate).toFixed(2)}%`}`,
);
