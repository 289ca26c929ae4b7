import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as layers from '../src/index.js';
import { type Case, cases, composite } from './cases.js';
import { expectGradsOk, expectInitShape } from './helpers.js';

const all: readonly [string, fc.Arbitrary<Case>][] = [
  ...Object.entries(cases),
  ['composite', composite],
];
const batch = fc.integer({ min: 1, max: 3 });

describe('every layer and combinator', () => {
  it('has a case here', () => {
    const isLayerExport = (v: unknown) =>
      typeof v === 'function' || (typeof v === 'object' && v !== null && 'init' in v);
    const layerExports = [
      ...['dense', 'conv2d', 'avgPool2d', 'maxPool2d', 'sumPool2d', 'subsample2d', 'flatten'],
      ...['reshape', 'dropout', 'rbf', 'elementwise', 'serial', 'parallel', 'fanOut'],
      ...['fanInSum', 'fanInConcat', 'residual', 'identity', 'shapeDependent'],
      ...['Sigmoid', 'Tanh', 'LecunTanh', 'Relu', 'Softmax', 'LogSoftmax'],
    ];
    for (const name of layerExports) {
      expect(isLayerExport((layers as Record<string, unknown>)[name])).toBe(true);
      expect(Object.keys(cases)).toContain(name);
    }
  });

  describe.each(all)('%s', (_name, arb) => {
    it("init's output shape is the shape apply returns, for any batch size", () => {
      fc.assert(
        fc.property(arb, batch, fc.integer({ min: 0, max: 1000 }), (c, n, seed) => {
          expectInitShape(c.layer, c.inShape, n, seed, c.ctx);
        }),
        { numRuns: 40 },
      );
    });

    it('has gradients (input and parameters) that pass checkGrads in float64', () => {
      fc.assert(
        fc.property(arb, batch, fc.integer({ min: 0, max: 1000 }), (c, n, seed) => {
          expectGradsOk(c.layer, c.inShape, Math.min(n, 2), seed, c.ctx);
        }),
        { numRuns: 25 },
      );
    });
  });
});
