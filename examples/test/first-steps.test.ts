import { describe, expect, it } from 'vitest';
import { firstSteps } from '../first-steps.js';

describe('first-steps', () => {
  it('multiplies, normalises and differentiates', () => {
    const { product, probabilities, gradient } = firstSteps();
    expect(product.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    const p = probabilities.toArray() as number[];
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const g = gradient.toArray() as number[];
    [0, 0.5, 1].forEach((w, i) => {
      expect(g[i]).toBeCloseTo(1 - Math.tanh(w) ** 2, 6);
    });
  });
});
