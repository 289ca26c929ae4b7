import { describe, expect, it } from 'vitest';
import { trainLenet5 } from '../lenet5.js';

describe('lenet5 example', () => {
  it('trains the faithful LeNet-5 a little: the loss falls', () => {
    const lines: string[] = [];
    const history = trainLenet5({
      limit: 256,
      testLimit: 200,
      epochs: 2,
      batchSize: 32,
      backend: 'reference',
      log: (l) => lines.push(l),
    });
    expect(lines[0]).toBe('lenet5: 60000 parameters, 256 training images');
    expect(history).toHaveLength(2);
    expect(history[1]!.trainLoss).toBeLessThan(history[0]!.trainLoss);
    expect(history[1]!.testLoss).toBeLessThan(history[0]!.testLoss);
  });
});
