import type { CompareOp, Conv2dGeometry, DType, Pool2dGeometry, Shape } from '@tessera/kernels';

/** Parameters of primitives that take none. */
export type NoParams = Readonly<Record<string, never>>;

/**
 * The primitive set: every op of the public API is composed from these, so an interpreter
 * (evaluation, and the differentiation levels of `@tessera/autodiff`) only needs one rule per
 * entry. The map from primitive name to its parameters is the single source of truth: tables
 * keyed by `Primitive` fail to compile when an entry is missing.
 *
 * Groups: elementwise unary (8) and binary (7), `compare`, `where`, `cast`; reductions
 * (`reduceSum`, `reduceMax`, `argmax`); layout (`reshape`, `transpose`, `broadcast`,
 * `slice`, `pad`, `concat`, `gather`, `scatterAdd`); `matmul`; convolution and its two
 * backward passes; sum and max pooling with the primitives their derivatives need.
 */
export interface PrimitiveParams {
  neg: NoParams;
  exp: NoParams;
  log: NoParams;
  sqrt: NoParams;
  abs: NoParams;
  sign: NoParams;
  tanh: NoParams;
  sigmoid: NoParams;
  add: NoParams;
  sub: NoParams;
  mul: NoParams;
  div: NoParams;
  pow: NoParams;
  max: NoParams;
  min: NoParams;
  compare: { readonly op: CompareOp };
  where: NoParams;
  cast: { readonly dtype: DType };
  reduceSum: { readonly axes: readonly number[] };
  reduceMax: { readonly axes: readonly number[] };
  argmax: { readonly axis: number };
  reshape: { readonly shape: Shape };
  transpose: { readonly perm: readonly number[] };
  broadcast: { readonly shape: Shape };
  slice: {
    readonly begin: readonly number[];
    readonly end: readonly number[];
    readonly strides: readonly number[];
  };
  pad: {
    readonly low: readonly number[];
    readonly high: readonly number[];
    readonly value: number;
  };
  concat: { readonly axis: number };
  gather: { readonly axis: number };
  scatterAdd: { readonly axis: number; readonly shape: Shape };
  matmul: { readonly transposeA: boolean; readonly transposeB: boolean };
  conv2d: Conv2dGeometry;
  conv2dBackwardInput: Conv2dGeometry & { readonly inputShape: Shape };
  conv2dBackwardFilter: Conv2dGeometry & { readonly filterShape: Shape };
  sumPool2d: Pool2dGeometry;
  sumPool2dBackward: Pool2dGeometry & { readonly inputShape: Shape };
  maxPool2d: Pool2dGeometry;
  maxPool2dGather: Pool2dGeometry;
  maxPool2dScatter: Pool2dGeometry;
}

/** The name of a primitive. */
export type Primitive = keyof PrimitiveParams;

/** Unary elementwise primitives. */
export const UNARY_PRIMITIVES = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'abs',
  'sign',
  'tanh',
  'sigmoid',
] as const satisfies readonly Primitive[];

/** Binary elementwise primitives. */
export const BINARY_PRIMITIVES = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'max',
  'min',
] as const satisfies readonly Primitive[];

/** A unary elementwise primitive. */
export type UnaryPrimitive = (typeof UNARY_PRIMITIVES)[number];
/** A binary elementwise primitive. */
export type BinaryPrimitive = (typeof BINARY_PRIMITIVES)[number];
