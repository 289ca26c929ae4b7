import { countParams } from '@tessera/layers';
import { Key } from '@tessera/random';
import { Tensor } from '@tessera/tensor';
import { flatten, keyPath, leafPaths, type Tree } from '@tessera/tree';
import type { InfoInvocation } from '../args/parse.js';
import type { CliIo } from './io.js';
import { readCheckpoint } from './run.js';

/**
 * `tessera info`: prints what a checkpoint holds: the model and its parameter count, the
 * epoch and step, the configuration it was trained with (seed included), the metrics of its
 * last epoch, and each tensor (parameters and optimizer state) with its dtype and shape. It
 * reads the file only; no model is built and nothing is computed.
 *
 * @returns the exit code.
 * @throws Error when the checkpoint is missing or unreadable.
 *
 * @example
 * ```ts
 * await info({ command: 'info', checkpoint: 'run/checkpoint.safetensors', options: {} }, io);
 * // checkpoint  run/checkpoint.safetensors
 * // model       lenet5-modern, 61706 parameters
 * // ...
 * ```
 */
export async function info(invocation: InfoInvocation, io: CliIo): Promise<number> {
  const path = invocation.checkpoint;
  const checkpoint = readCheckpoint(path);
  const config = checkpoint.config;
  const model = typeof config.model === 'string' ? config.model : '(not named)';
  const epochs = typeof config.epochs === 'number' ? ` of ${config.epochs}` : '';
  const lines: [string, string][] = [
    ['checkpoint', path],
    ['model', `${model}, ${countParams(checkpoint.params)} parameters`],
    ['epoch', `${checkpoint.epoch}${epochs}, step ${checkpoint.step}`],
  ];
  if (typeof config.seed === 'number') lines.push(['seed', String(config.seed)]);
  const rest = Object.entries(config).filter(([name]) => name !== 'model' && name !== 'seed');
  if (rest.length > 0) {
    lines.push(['config', rest.map(([name, value]) => `${name} ${show(value)}`).join(', ')]);
  }
  if (checkpoint.metrics !== undefined) {
    const metrics = checkpoint.metrics;
    lines.push([
      'metrics',
      typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics)
        ? Object.entries(metrics)
            .filter(([, value]) => value !== null)
            .map(([name, value]) => `${name} ${show(value)}`)
            .join(', ')
        : show(metrics),
    ]);
  }
  const [keys] = flatten(checkpoint.keys as Tree<Key>);
  lines.push(['keys', `${keys.length} (${keyPaths(checkpoint.keys as Tree<unknown>, 'keys')})`]);
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  let text = lines.map(([label, value]) => `${label.padEnd(width)}${value}\n`).join('');
  const rows = [
    ...leafRows(checkpoint.params as Tree<unknown>, 'params'),
    ...leafRows(checkpoint.optState as Tree<unknown>, 'optState'),
  ];
  const nameWidth = Math.max(...rows.map(([name]) => name.length)) + 2;
  const typeWidth = Math.max(...rows.map(([, type]) => type.length)) + 2;
  text += `tensors\n${rows
    .map(([name, type, shape]) => `  ${name.padEnd(nameWidth)}${type.padEnd(typeWidth)}${shape}\n`)
    .join('')}`;
  io.stdout.write(text);
  return 0;
}

/** A JSON value, briefly: numbers and strings as they are, others as JSON. */
function show(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : `${+value.toPrecision(6)}`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function keyPaths(tree: Tree<unknown>, root: string): string {
  return leafPaths(tree)
    .map((path) => keyPath(path, root))
    .join(', ');
}

/** One row per leaf: its name, its dtype (or `number`), its shape (or value). */
function leafRows(tree: Tree<unknown>, root: string): [string, string, string][] {
  const [leaves] = flatten(tree);
  return leafPaths(tree).map((path, i) => {
    const leaf = leaves[i];
    const name = keyPath(path, root);
    if (leaf instanceof Tensor) return [name, leaf.dtype, `[${leaf.shape.join(',')}]`];
    if (leaf instanceof Key) return [name, 'key', ''];
    return [name, typeof leaf, String(leaf)];
  });
}
