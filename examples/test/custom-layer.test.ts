import { key } from '@tessera/random';
import { mean, square, sub, tensor } from '@tessera/tensor';
import { describe, expect, it } from 'vitest';
import { layerNorm, trainWithLayerNorm } from '../custom-layer.js';

describe('custom-layer example', () => {
  it('layerNorm keeps the shape and normalises each example', () => {
    const layer = layerNorm();
    const [outShape, params] = layer.init(key(0), [4]);
    expect(outShape).toEqual([4]);
    expect(params.gain.toArray()).toEqual([1, 1, 1, 1]);
    const y = layer.apply(
      params,
      tensor([
        [1, 2, 3, 4],
        [10, 0, -10, 5],
      ]),
    );
    const mu = mean(y, { axis: -1, keepDims: true });
    const variance = mean(square(sub(y, mu)), { axis: -1 });
    for (const m of mu.toArray() as number[][]) expect(m[0]).toBeCloseTo(0, 5);
    for (const v of variance.toArray() as number[]) expect(v).toBeCloseTo(1, 3);
  });

  it('passes the gradient check and trains: the loss falls', () => {
    const lines: string[] = [];
    const losses = trainWithLayerNorm({ steps: 20, limit: 640, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^checkGrads layerNorm: 25 values, .*passed$/);
    const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(average(losses.slice(-5))).toBeLessThan(average(losses.slice(0, 5)));
  });
});
