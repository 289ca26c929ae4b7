import { Key } from '@tessera/random';
import { Tensor } from '@tessera/tensor';
import { flatten, keyPath, leafPaths, type Tree } from '@tessera/tree';
import { decodeSafetensors } from './decode.js';
import { encodeSafetensors } from './encode.js';
import { CheckpointError } from './errors.js';
import { type JsonObject, type JsonValue, parseJson, stringifyExactly } from './json.js';
import { type CheckpointLeaf, decodeTree, encodeTree } from './tree-codec.js';

/**
 * Everything needed to continue a training run exactly where it stopped: the parameters, the
 * optimizer state, where the run is (epoch and step), its PRNG keys, its configuration, and
 * optionally the metrics so far.
 *
 * @typeParam P - the parameters' type: a model's own parameter type when saving (checked to be
 *   a tree of tensors when encoded), a plain tree of tensors when loaded, until
 *   {@link restoreInto} fits it to the model's type.
 *
 * @example
 * ```ts
 * import type { Checkpoint } from '@tessera/models';
 *
 * const checkpoint: Checkpoint = {
 *   params, // { c1: { w, b }, ... }: tensors
 *   optState, // adam's [{ count: 1200, mu, nu }, ...]: tensors and numbers
 *   epoch: 3, // epochs completed
 *   step: 5625, // optimizer steps taken
 *   keys: { data: dataKey, dropout: dropoutKey },
 *   config: { model: 'lenet5', lr: 0.001, batchSize: 32 },
 *   metrics: [{ epoch: 1, loss: 0.31 }],
 * };
 * ```
 */
export interface Checkpoint<P = Tree<Tensor>> {
  /** The model's parameters: a tree of tensors. */
  readonly params: P;
  /** The optimizer state: a tree of tensors and numbers (step counts), as `@tessera/optim` makes. */
  readonly optState: Tree<Tensor | number>;
  /** The number of epochs completed, a non-negative integer. */
  readonly epoch: number;
  /** The number of optimizer steps taken, a non-negative integer. */
  readonly step: number;
  /** The run's PRNG keys, in any tree (one key, an array or named keys). */
  readonly keys: Tree<Key>;
  /** The run's configuration (model, optimizer, learning rate...), stored as JSON. */
  readonly config: JsonObject;
  /** Metrics so far (a history, the best validation error...), stored as JSON. */
  readonly metrics?: JsonValue;
}

/** The value of the `format` metadata entry of every Tessera checkpoint. */
export const CHECKPOINT_FORMAT = 'tessera-checkpoint';
/** The layout version: bumped when the metadata changes incompatibly. */
export const CHECKPOINT_VERSION = '1';

/**
 * Encodes a checkpoint as a safetensors file: every tensor of `params` and `optState` under its
 * path (`params.c1.w`, `optState[0].mu.c1.w`), and in the string metadata `format`,
 * `version`, `epoch`, `step`, `config` and `metrics` (JSON), and `trees`: the structures of
 * `params`, `optState` and `keys` with their non-tensor leaves (step counts, key words), so that
 * {@link decodeCheckpoint} rebuilds the exact trees. Any safetensors reader can load the
 * tensors.
 *
 * @throws CheckpointError for a leaf a checkpoint cannot hold, a tensor in `keys` or a key in
 *   `params`, an `epoch` or `step` that is not a non-negative integer, or a configuration or
 *   metrics value that JSON would change (`NaN`, `undefined`, a class instance).
 *
 * @example
 * ```ts
 * import { decodeCheckpoint, encodeCheckpoint } from '@tessera/models';
 *
 * const bytes = encodeCheckpoint({ params, optState, epoch: 1, step: 1875, keys, config });
 * decodeCheckpoint(bytes).optState; // the same tree, with equal tensors and step counts
 * ```
 */
export function encodeCheckpoint<P>(checkpoint: Checkpoint<P>): Uint8Array {
  const { params, optState, epoch, step, keys, config, metrics } = checkpoint;
  checkCount('epoch', epoch);
  checkCount('step', step);
  checkLeaves('params', params as Tree<unknown>, 'a tensor', (leaf) => leaf instanceof Tensor);
  checkLeaves(
    'optState',
    optState,
    'a tensor or a number',
    (leaf) => leaf instanceof Tensor || typeof leaf === 'number',
  );
  checkLeaves('keys', keys, 'a PRNG key', (leaf) => leaf instanceof Key);
  const parts = {
    params: encodeTree(params as Tree<Tensor>, 'params'),
    optState: encodeTree(optState, 'optState'),
    keys: encodeTree(keys, 'keys'),
  };
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch: String(epoch),
    step: String(step),
    config: stringifyExactly(config, 'config'),
    trees: JSON.stringify({
      params: parts.params.skeleton,
      optState: parts.optState.skeleton,
      keys: parts.keys.skeleton,
    }),
  };
  if (metrics !== undefined) metadata.metrics = stringifyExactly(metrics, 'metrics');
  const tensors = Object.fromEntries([...parts.params.tensors, ...parts.optState.tensors]);
  return encodeSafetensors(tensors, metadata);
}

/**
 * Decodes a checkpoint written by {@link encodeCheckpoint}, rebuilding `params`, `optState`
 * and `keys` with their exact structures and leaves.
 *
 * @throws SafetensorsError if the bytes are not a well-formed safetensors file.
 * @throws CheckpointError if they are, but not a Tessera checkpoint of a known version, or
 *   their metadata is damaged.
 *
 * @example
 * ```ts
 * import { decodeCheckpoint } from '@tessera/models';
 *
 * const { params, optState, epoch, step, keys, config } = decodeCheckpoint(bytes);
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const entry = (name: string): string => {
    const value = metadata[name];
    if (value === undefined) {
      throw new CheckpointError(
        `checkpoint: the file has no ${name} metadata` +
          (name === 'format' ? '; it is a safetensors file but not a Tessera checkpoint' : ''),
      );
    }
    return value;
  };
  if (entry('format') !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `checkpoint: the file's format is ${JSON.stringify(metadata.format)}, not ${CHECKPOINT_FORMAT}`,
    );
  }
  if (entry('version') !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `checkpoint: version ${JSON.stringify(metadata.version)} is not supported; ` +
        `this Tessera reads version ${CHECKPOINT_VERSION}`,
    );
  }
  const trees = parseJson(entry('trees'), 'trees');
  if (typeof trees !== 'object' || trees === null || Array.isArray(trees)) {
    throw new CheckpointError('checkpoint: metadata trees must be a JSON object');
  }
  const skeletons = trees as Record<string, unknown>;
  const used = new Set<string>();
  const rebuild = (root: 'params' | 'optState' | 'keys'): Tree<CheckpointLeaf> => {
    if (!Object.hasOwn(skeletons, root)) {
      throw new CheckpointError(`checkpoint: metadata trees has no ${root}`);
    }
    return decodeTree(skeletons[root], root, tensors, used);
  };
  const params = rebuild('params');
  const optState = rebuild('optState');
  const keys = rebuild('keys');
  const unclaimed = Object.keys(tensors).filter((name) => !used.has(name));
  if (unclaimed.length > 0) {
    throw new CheckpointError(
      `checkpoint: tensors ${unclaimed.join(', ')} belong to no tree in the metadata`,
    );
  }
  checkLeaves('params', params, 'a tensor', (leaf) => leaf instanceof Tensor);
  checkLeaves('keys', keys, 'a PRNG key', (leaf) => leaf instanceof Key);
  checkLeaves(
    'optState',
    optState,
    'a tensor or a number',
    (leaf) => leaf instanceof Tensor || typeof leaf === 'number',
  );
  const config = parseJson(entry('config'), 'config');
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new CheckpointError('checkpoint: metadata config must be a JSON object');
  }
  const checkpoint: Checkpoint = {
    params: params as Tree<Tensor>,
    optState: optState as Tree<Tensor | number>,
    epoch: readCount('epoch', entry('epoch')),
    step: readCount('step', entry('step')),
    keys: keys as Tree<Key>,
    config: config as JsonObject,
  };
  return metadata.metrics === undefined
    ? checkpoint
    : { ...checkpoint, metrics: parseJson(metadata.metrics, 'metrics') as JsonValue };
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CheckpointError(`checkpoint: ${name} must be a non-negative integer, got ${value}`);
  }
}

function readCount(name: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new CheckpointError(
      `checkpoint: metadata ${name} must be a non-negative integer, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** Checks every leaf of `tree` with `accept`, naming the first wrong one by its path. */
function checkLeaves(
  root: string,
  tree: Tree<unknown>,
  expected: string,
  accept: (leaf: unknown) => boolean,
): void {
  const [leaves] = flatten(tree);
  const bad = leaves.findIndex((leaf) => !accept(leaf));
  if (bad < 0) return;
  const leaf = leaves[bad];
  const got =
    leaf instanceof Tensor
      ? `a ${leaf.dtype} tensor`
      : leaf instanceof Key
        ? 'a PRNG key'
        : typeof leaf === 'object' && leaf !== null
          ? `a ${leaf.constructor?.name ?? 'object'}`
          : `${typeof leaf} ${String(leaf)}`;
  throw new CheckpointError(
    `checkpoint: ${keyPath(leafPaths(tree)[bad]!, root)} must be ${expected}, got ${got}`,
  );
}
