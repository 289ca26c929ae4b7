/**
 * LeNet-5 (modern) with the parameters of a trained checkpoint: decode the safetensors bytes
 * with `@tessera/models`, fit them to the model's parameter tree, and classify 28x28 images.
 */
import {
  type Checkpoint,
  decodeCheckpoint,
  lenet5Modern,
  type Model,
  restoreInto,
} from '@tessera/models';
import { key } from '@tessera/random';
import { softmax, tensor } from '@tessera/tensor';
import { FIELD, toModelInput } from './preprocess.js';

/** One classification: the ten class probabilities, the winner, and how long it took. */
export interface Prediction {
  readonly probabilities: readonly number[];
  readonly digit: number;
  /** Wall-clock milliseconds of the forward pass, from the input upload to the read-back. */
  readonly ms: number;
}

/** A trained classifier. */
export interface Classifier {
  readonly model: Model;
  /** What the checkpoint says about its run (epoch, configuration, metrics). */
  readonly checkpoint: Omit<Checkpoint, 'params' | 'optState' | 'keys'>;
  /** Classifies one 28x28 image with values in [0, 1]. */
  classify(image: Float32Array): Prediction;
}

/** A classifier from the bytes of a lenet5-modern checkpoint (parameters only, or a full one). */
export function classifierFromBytes(
  bytes: Uint8Array,
  now: () => number = () => performance.now(),
): Classifier {
  const decoded = decodeCheckpoint(bytes);
  const model = lenet5Modern();
  // The template's values are unused: restoreInto checks every shape and keeps the loaded leaves.
  const params = restoreInto(model.layer.init(key(0), model.inputShape)[1], decoded.params);
  const side = model.inputShape[1]!;
  return {
    model,
    checkpoint: {
      epoch: decoded.epoch,
      step: decoded.step,
      config: decoded.config,
      ...(decoded.metrics === undefined ? {} : { metrics: decoded.metrics }),
    },
    classify(image) {
      if (image.length !== FIELD * FIELD) {
        throw new RangeError(`classify: expected ${FIELD}x${FIELD} values, got ${image.length}`);
      }
      const start = now();
      const x = tensor(toModelInput(image, model.input), {
        dtype: 'float32',
        shape: [1, 1, side, side],
      });
      const probabilities = Array.from(softmax(model.layer.apply(params, x), 1).data());
      const ms = now() - start;
      const digit = probabilities.indexOf(Math.max(...probabilities));
      return { probabilities, digit, ms };
    },
  };
}

/** Fetches and decodes the checkpoint at `url`. */
export async function loadClassifier(url: string): Promise<Classifier> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return classifierFromBytes(new Uint8Array(await response.arrayBuffer()));
}
