import type { Tensor } from '@tessera/tensor';
import { expectTypeOf, test } from 'vitest';
import {
  type DenseParams,
  dense,
  fanInSum,
  fanOut,
  identity,
  type Layer,
  LecunTanh,
  parallel,
  type Shape,
  serial,
  shapeDependent,
  Tanh,
} from '../src/index.js';

test('types', () => {
  const a = serial(dense(3), LecunTanh);
  expectTypeOf(a).toEqualTypeOf<Layer<[DenseParams, null], Tensor, Tensor>>();
  const b = serial({ f: dense(3), g: LecunTanh });
  expectTypeOf(b).toEqualTypeOf<Layer<{ f: DenseParams; g: null }>>();
  const c = serial(fanOut(2), parallel(dense(3), identity), fanInSum);
  expectTypeOf(c).toEqualTypeOf<Layer<[null, [DenseParams, null], null], Tensor, Tensor>>();
  const d = serial(dense(3), fanOut(2));
  expectTypeOf(d).toEqualTypeOf<Layer<[DenseParams, null], Tensor, readonly Tensor[]>>();
  const layers: Layer[] = [dense(2), LecunTanh];
  const e = serial(...layers);
  expectTypeOf(e).toEqualTypeOf<Layer<unknown[], Tensor, Tensor>>();
  const f: Layer = serial({ ...({ a: dense(3) } as Record<string, Layer>) });
  void f;
  const g = shapeDependent((shape) => dense(shape[0]!));
  expectTypeOf(g).toEqualTypeOf<Layer<DenseParams>>();
  const h = shapeDependent((shapes: readonly Shape[]) => parallel(...shapes.map(() => dense(2))));
  expectTypeOf(h).toEqualTypeOf<Layer<DenseParams[], readonly Tensor[], readonly Tensor[]>>();
  expectTypeOf(parallel(dense(2), Tanh)).toEqualTypeOf<
    Layer<[DenseParams, null], readonly Tensor[], readonly Tensor[]>
  >();
});
