import type { Backend, NdArray } from '@tessera/kernels';
import { backendFor } from './backend.js';
import type { Aval } from './interpreter.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import { ConcreteTensor } from './tensor.js';

type EvalRule<P extends Primitive> = (
  backend: Backend,
  args: readonly NdArray[],
  params: PrimitiveParams[P],
) => NdArray;

const unary =
  (op: Parameters<Backend['unary']>[0]): EvalRule<Primitive> =>
  (b, [x]) =>
    b.unary(op, x!);
const binary =
  (op: Parameters<Backend['binary']>[0]): EvalRule<Primitive> =>
  (b, [x, y]) =>
    b.binary(op, x!, y!);

/** How each primitive runs on a backend; a missing entry is a compile error. */
const rules: { readonly [P in Primitive]: EvalRule<P> } = {
  neg: unary('neg'),
  exp: unary('exp'),
  log: unary('log'),
  sqrt: unary('sqrt'),
  abs: unary('abs'),
  sign: unary('sign'),
  tanh: unary('tanh'),
  sigmoid: unary('sigmoid'),
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  div: binary('div'),
  pow: binary('pow'),
  max: binary('max'),
  min: binary('min'),
  compare: (b, [x, y], p) => b.compare(p.op, x!, y!),
  where: (b, [c, x, y]) => b.where(c as NdArray<'bool'>, x!, y!),
  cast: (b, [x], p) => b.cast(x!, p.dtype),
  reduceSum: (b, [x], p) => b.reduce('sum', x!, p),
  reduceMax: (b, [x], p) => b.reduce('max', x!, p),
  argmax: (b, [x], p) => b.argmax(x!, p),
  // Buffers are immutable, so a reshape shares the data.
  reshape: (_, [x], p) => ({ dtype: x!.dtype, shape: p.shape, data: x!.data }),
  transpose: (b, [x], p) => b.transpose(x!, p),
  broadcast: (b, [x], p) => b.broadcast(x!, p),
  slice: (b, [x], p) => b.slice(x!, p),
  pad: (b, [x], p) => b.pad(x!, p),
  concat: (b, xs, p) => b.concat(xs, p),
  gather: (b, [x, i], p) => b.gather(x!, i as NdArray<'int32'>, p),
  scatterAdd: (b, [i, u], p) => b.scatterAdd(i as NdArray<'int32'>, u!, p),
  matmul: (b, [x, y], p) => b.matmul(x!, y!, p),
  conv2d: (b, [x, w], p) => b.conv2d(x!, w!, p),
  conv2dBackwardInput: (b, [dy, w], p) => b.conv2dBackwardInput(dy!, w!, p),
  conv2dBackwardFilter: (b, [x, dy], p) => b.conv2dBackwardFilter(x!, dy!, p),
  sumPool2d: (b, [x], p) => b.sumPool2d(x!, p),
  sumPool2dBackward: (b, [dy], p) => b.sumPool2dBackward(dy!, p),
  maxPool2d: (b, [x], p) => b.maxPool2d(x!, p),
  maxPool2dGather: (b, [x, t], p) => b.maxPool2dGather(x!, t!, p),
  maxPool2dScatter: (b, [x, dy], p) => b.maxPool2dScatter(x!, dy!, p),
};

/**
 * Evaluates `primitive` on concrete tensors, on the backend that the dtypes of the arguments
 * and of the result `out` call for.
 */
export function evaluate<P extends Primitive>(
  primitive: P,
  args: readonly ConcreteTensor[],
  params: PrimitiveParams[P],
  out: Aval,
): ConcreteTensor {
  const buffers = args.map((a) => a.buffer);
  const backend = backendFor([...buffers.map((b) => b.dtype), out.dtype]);
  const rule = rules[primitive] as EvalRule<P>;
  return new ConcreteTensor(rule(backend, buffers, params));
}
