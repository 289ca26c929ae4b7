import { describe, expect, it } from 'vitest';
import { trainMlp } from '../mlp.js';

describe('mlp example', () => {
  it('trains the lecture MLP: the loss falls and the test error is measured', () => {
    const lines: string[] = [];
    const history = trainMlp({
      limit: 1000,
      testLimit: 500,
      epochs: 2,
      backend: 'reference',
      log: (l) => lines.push(l),
    });
    expect(history).toHaveLength(2);
    expect(history[1]!.trainLoss).toBeLessThan(history[0]!.trainLoss);
    for (const e of history) expect(e.testError).toBeGreaterThanOrEqual(0);
    expect(history[1]!.testError).toBeLessThan(0.9); // better than chance
    expect(lines[1]).toMatch(
      /^epoch 2\/2 {2}train loss \d\.\d{4} {2}test error [\d.]+% \(500 images\)/,
    );
  });
});
