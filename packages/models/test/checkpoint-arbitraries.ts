import { type DType, type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';

/** Shapes of rank 0 to 3 with small axes, zero-length axes included. */
export const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });

const dtypeArb = fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool');

function valuesArb(dtype: DType, size: number): fc.Arbitrary<number[]> {
  const value: fc.Arbitrary<number> =
    dtype === 'float32'
      ? fc.float()
      : dtype === 'float64'
        ? fc.double()
        : dtype === 'int32'
          ? fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })
          : fc.constantFrom(0, 1);
  return fc.array(value, { minLength: size, maxLength: size });
}

/** Random tensors of every dtype, with NaN, infinities and -0 among the floats. */
export const tensorArb: fc.Arbitrary<Tensor> = fc
  .tuple(dtypeArb, shapeArb)
  .chain(([dtype, shape]) =>
    valuesArb(
      dtype,
      shape.reduce((n, d) => n * d, 1),
    ).map((values) => tensor(values, { dtype, shape })),
  );

/** Whether two tensors have the same dtype, shape and values (NaN equal to NaN, -0 not 0). */
export function sameTensor(a: Tensor, b: Tensor): boolean {
  const x = a.data();
  const y = b.data();
  return (
    a.dtype === b.dtype &&
    a.shape.length === b.shape.length &&
    a.shape.every((d, i) => d === b.shape[i]) &&
    x.length === y.length &&
    x.every((v, i) => Object.is(v, y[i]))
  );
}
