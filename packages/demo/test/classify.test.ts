import { readFileSync, statSync } from 'node:fs';
import { decodeCheckpoint } from '@tessera/models';
import { describe, expect, it } from 'vitest';
import { classifierFromBytes } from '../src/classifier.js';
import { toMnist } from '../src/preprocess.js';
import { CANVAS, DIGITS, PEN } from './digits.js';
import { rasterise } from './raster.js';

const CHECKPOINT = new URL('../public/lenet5-modern.safetensors', import.meta.url);
const bytes = new Uint8Array(readFileSync(CHECKPOINT));

describe('the shipped checkpoint', () => {
  it('holds lenet5-modern parameters only, from the 0.99% run', () => {
    const checkpoint = decodeCheckpoint(bytes);
    expect(checkpoint.config.model).toBe('lenet5-modern');
    expect(checkpoint.optState).toEqual([]);
    expect(checkpoint.epoch).toBe(8);
    expect(checkpoint.metrics).toMatchObject({ testError: 0.0099 });
    expect(statSync(CHECKPOINT).size).toBeLessThan(260_000);
  });

  it.each(Object.keys(DIGITS).map(Number))(
    'reads a %i drawn as strokes, after the MNIST preprocessing',
    (digit) => {
      const classifier = classifierFromBytes(bytes);
      for (const scale of [1, 2]) {
        const image = toMnist(rasterise(DIGITS[digit]!, CANVAS, PEN, scale))!;
        const { digit: read, probabilities } = classifier.classify(image);
        expect(read).toBe(digit);
        expect(probabilities[digit]).toBeGreaterThan(0.9);
        expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
    },
  );

  it('refuses an image that is not 28x28', () => {
    expect(() => classifierFromBytes(bytes).classify(new Float32Array(32 * 32))).toThrow(
      /expected 28x28 values, got 1024/,
    );
  });
});
