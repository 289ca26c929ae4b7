import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';
import { tensorArb } from './helpers.js';

type Op = (x: T.Tensor) => T.Tensor;

/** Every op of the API applied to one random tensor (shaped to fit where the op needs it). */
const ops: Record<string, Op> = {
  neg: T.neg,
  exp: T.exp,
  log: (x) => T.log(T.abs(x)),
  sqrt: (x) => T.sqrt(T.abs(x)),
  abs: T.abs,
  sign: T.sign,
  tanh: T.tanh,
  sigmoid: T.sigmoid,
  relu: T.relu,
  square: T.square,
  clip: (x) => T.clip(x, -1, 1),
  add: (x) => T.add(x, x),
  sub: (x) => T.sub(x, 1),
  mul: (x) => T.mul(x, x),
  div: (x) => T.div(x, 3),
  pow: (x) => T.pow(T.abs(x), 2),
  maximum: (x) => T.maximum(x, 0),
  minimum: (x) => T.minimum(x, 0),
  less: (x) => T.less(x, 0),
  where: (x) => T.where(T.greater(x, 0), x, T.neg(x)),
  astype: (x) => T.astype(x, 'int32'),
  sum: (x) => T.sum(x),
  mean: (x) => T.mean(x, { axis: 0 }),
  max: (x) => T.max(x),
  min: (x) => T.min(x),
  argmax: (x) => T.argmax(x),
  logSumExp: (x) => T.logSumExp(x, { axis: -1 }),
  softmax: (x) => T.softmax(x),
  logSoftmax: (x) => T.logSoftmax(x),
  reshape: (x) => T.reshape(x, [-1]),
  transpose: (x) => T.transpose(x),
  expandDims: (x) => T.expandDims(x, 0),
  squeeze: (x) => T.squeeze(T.expandDims(x, 0), 0),
  broadcastTo: (x) => T.broadcastTo(x, [2, ...x.shape]),
  concat: (x) => T.concat([x, x], 0),
  stack: (x) => T.stack([x, x]),
  slice: (x) => T.slice(x, [1]),
  pad: (x) => T.pad(x, [[1, 1]]),
  take: (x) => T.take(x, [0, 0]),
  matmul: (x) => T.matmul(x, T.transpose(x)),
  conv2d: (x) =>
    T.conv2d(T.reshape(x, [1, 1, x.shape[0]!, -1]), T.ones([2, 1, 1, 1], { dtype: x.dtype })),
  sumPool2d: (x) => T.sumPool2d(T.reshape(x, [1, 1, x.shape[0]!, -1]), 1),
  avgPool2d: (x) => T.avgPool2d(T.reshape(x, [1, 1, x.shape[0]!, -1]), 1),
  maxPool2d: (x) => T.maxPool2d(T.reshape(x, [1, 1, x.shape[0]!, -1]), 1),
};

describe('no op changes its inputs', () => {
  it.each(Object.entries(ops))('%s', (_name, op) => {
    fc.assert(
      fc.property(tensorArb(2, 2, 4), (x) => {
        const before = x.data();
        op(x);
        expect(x.data()).toEqual(before);
      }),
      { numRuns: 10 },
    );
  });
});
