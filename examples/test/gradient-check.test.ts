import { dense, Sigmoid, serial } from '@tessera/layers';
import { describe, expect, it } from 'vitest';
import { checkLayerGrads, gradientChecks } from '../gradient-check.js';

describe('gradient-check example', () => {
  it('passes on the function and the layer, and catches the wrong rule', () => {
    const lines = gradientChecks();
    expect(lines[0]).toMatch(/passed$/);
    const [, reverse, central] = /reverse mode (\S+), central difference (\S+)/.exec(lines[1]!)!;
    expect(Math.abs(Number(reverse) - Number(central))).toBeLessThan(1e-8);
    expect(lines[2]).toBe(
      'conv2d(2, 3) -> tanh -> dense(3) on [2, 1, 5, 5]: 127 values, order 2: passed',
    );
    expect(lines[3]).toMatch(/^badSquare: checkGrads: reverse mode: argument 0, element \[0\]/);
  });

  it('checkLayerGrads counts the input and every parameter', () => {
    const net = serial(dense(3, { dtype: 'float64' }), Sigmoid);
    expect(checkLayerGrads(net, [4], 2)).toBe(2 * 4 + 4 * 3 + 3);
  });
});
