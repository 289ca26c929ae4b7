import { describe, expect, it } from 'vitest';
import { ingredients } from '../ingredients.js';

describe('ingredients example', () => {
  it('trains by hand and with fit: the loss falls, both beat chance', () => {
    const result = ingredients({ limit: 1000, testLimit: 500, epochs: 2 });
    expect(result.epochLosses[1]).toBeLessThan(result.epochLosses[0]!);
    expect(result.testError).toBeLessThan(0.9);
    expect(result.fitTestError).toBeLessThan(0.9);
  });
});
