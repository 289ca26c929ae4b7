import { describe, expect, it } from 'vitest';
import {
  arange,
  astype,
  ConcreteTensor,
  eye,
  full,
  linspace,
  oneHot,
  ones,
  ShapeError,
  tensor,
  zeros,
} from '../src/index.js';

describe('creation', () => {
  it('infers shape and defaults to float32', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float32');
    expect(x.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(3).item()).toBe(3);
    expect(tensor([]).shape).toEqual([0]);
  });

  it('takes dtype from typed arrays and an explicit shape', () => {
    const x = tensor(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] });
    expect(x.dtype).toBe('float64');
    expect(x.shape).toEqual([3, 2]);
    expect(tensor(new Int32Array([1])).dtype).toBe('int32');
  });

  it('rejects ragged arrays and sizes that do not fill the shape', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(
      'tensor: 3 values do not fill shape [2,2]',
    );
  });

  it('copies its input and hands out copies', () => {
    const source = new Float32Array([1, 2]);
    const x = tensor(source);
    source[0] = 99;
    expect(x.toArray()).toEqual([1, 2]);
    const data = x.data();
    data[1] = 42;
    expect(x.toArray()).toEqual([1, 2]);
  });

  it('builds constants, ranges and identities', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([2], { dtype: 'int32' }).dtype).toBe('int32');
    expect(full([1, 2], 7).toArray()).toEqual([[7, 7]]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(() => arange(0, 1, 0)).toThrow(/step/);
  });

  it('one-hot encodes int32 labels and rejects labels out of range', () => {
    const labels = tensor([2, 0], { dtype: 'int32' });
    expect(oneHot(labels, 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(() => oneHot(tensor([3], { dtype: 'int32' }), 3)).toThrow(
      'oneHot: label 3 is outside [0, 3)',
    );
  });

  it('casts with truncation toward zero', () => {
    expect(astype(tensor([1.7, -1.7]), 'int32').toArray()).toEqual([1, -1]);
    expect(astype(tensor([0, 2]), 'bool').toArray()).toEqual([0, 1]);
    expect(astype(tensor([1]), 'float32')).toBeInstanceOf(ConcreteTensor);
  });

  it('prints readably', () => {
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('tensor([[1, 2],\n        [3, 4]], dtype=float32)');
    expect(String(tensor([0.5, 1.25], { dtype: 'float64' }))).toBe(
      'tensor([0.500000, 1.250000], dtype=float64)',
    );
    expect(String(tensor([true, false].map(Number), { dtype: 'bool' }))).toBe(
      'tensor([ true, false], dtype=bool)',
    );
    expect(String(zeros([0, 3]))).toBe('tensor([], dtype=float32, shape=[0,3])');
    expect(String(tensor([1e-6, 1], { dtype: 'float32' }))).toBe(
      'tensor([1.0000e-6, 1.0000e+0], dtype=float32)',
    );
    expect(String(arange(2000))).toBe(
      'tensor([   0,    1,    2, ..., 1997, 1998, 1999], dtype=float32)',
    );
  });
});
