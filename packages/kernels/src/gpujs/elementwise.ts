/**
 * Elementwise float32 kernels on gpu.js, run in fixed chunks so that each op compiles once
 * whatever the shapes (the remainder runs on the reference loop).
 *
 * Only ops that wasm computes natively are here: `exp`, `log`, `sigmoid` and `pow` would call
 * JavaScript's Math per element from WebAssembly, which measured slower than the reference
 * loop. `tanh` is the exception: it is computed as a rational function (below), natively.
 */
import type { BinaryOp, UnaryOp } from '../backend.js';
import { reference } from '../reference/index.js';
import type { KernelSpec } from './kernel.js';
import type { KernelRunner } from './runner.js';

/** Unary ops with a gpu.js kernel. */
export type GpuUnaryOp = Extract<UnaryOp, 'neg' | 'abs' | 'sqrt' | 'tanh'>;
/** Binary ops with a gpu.js kernel. */
export type GpuBinaryOp = Extract<BinaryOp, 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min'>;

/** Elements per kernel call; one compiled kernel per op serves every size. */
export const CHUNK = 2 ** 16;

/**
 * tanh as Eigen's float32 rational approximation: an odd degree-13 polynomial over an even
 * degree-6 one, on `x` clamped to +-7.9053 (where tanh rounds to +-1 in float32). Measured
 * against `Math.tanh`: relative error at most 3.1e-7 (a few ulps) over [-5, 5] and near 0;
 * NaN stays NaN, -0 stays -0.
 */
const TANH = `
const v = Math.min(Math.max(X, -7.90531110763549805), 7.90531110763549805);
const v2 = v * v;
let p = v2 * -2.76076847742355e-16 + 2.00018790482477e-13;
p = v2 * p + -8.60467152213735e-11;
p = v2 * p + 5.12229709037114e-8;
p = v2 * p + 1.48572235717979e-5;
p = v2 * p + 6.37261928875436e-4;
p = v2 * p + 4.89352455891786e-3;
let q = v2 * 1.19825839466702e-6 + 1.18534705686654e-4;
q = v2 * q + 2.268434632439e-3;
q = v2 * q + 4.89352518554385e-3;
return (v * p) / q;`;

const UNARY: { readonly [K in GpuUnaryOp]: string } = {
  neg: 'return -X;',
  abs: 'return Math.abs(X);',
  sqrt: 'return Math.sqrt(X);',
  tanh: TANH,
};

const BINARY: { readonly [K in GpuBinaryOp]: string } = {
  add: 'A + B',
  sub: 'A - B',
  mul: 'A * B',
  div: 'A / B',
  max: 'Math.max(A, B)',
  min: 'Math.min(A, B)',
};

/** Whether `op` has a gpu.js kernel. */
export function isGpuUnary(op: UnaryOp): op is GpuUnaryOp {
  return op in UNARY;
}

/** Whether `op` has a gpu.js kernel. */
export function isGpuBinary(op: BinaryOp): op is GpuBinaryOp {
  return op in BINARY;
}

function unarySpec(op: GpuUnaryOp): KernelSpec {
  const body = UNARY[op].replaceAll('X', 'x[this.thread.x]');
  return {
    source: `function(x) {\n${body}\n}`,
    arguments: ['x'],
    output: [CHUNK],
    components: 1,
    loopBound: 0,
  };
}

function binarySpec(op: GpuBinaryOp): KernelSpec {
  const body = BINARY[op].replace('A', 'a[this.thread.x]').replace('B', 'b[this.thread.x]');
  return {
    source: `function(a, b) {\nreturn ${body};\n}`,
    arguments: ['a', 'b'],
    output: [CHUNK],
    components: 1,
    loopBound: 0,
  };
}

/** Runs `chunk(start)` over every whole chunk and `tail(start)` over the rest. */
function chunked(
  n: number,
  out: Float32Array,
  chunk: (start: number) => Float32Array,
  tail: (start: number) => ArrayLike<number>,
): Float32Array {
  const whole = n - (n % CHUNK);
  for (let start = 0; start < whole; start += CHUNK) out.set(chunk(start), start);
  if (whole < n) out.set(tail(whole), whole);
  return out;
}

/** `op` of every element of `x` on gpu.js. */
export function gpuUnary(runner: KernelRunner, op: GpuUnaryOp, x: Float32Array): Float32Array {
  const n = x.length;
  return chunked(
    n,
    new Float32Array(n),
    (s) => runner.run(`unary:${op}`, () => unarySpec(op), [x.subarray(s, s + CHUNK)]),
    (s) => reference.unary(op, { dtype: 'float32', shape: [n - s], data: x.subarray(s) }).data,
  );
}

/** `op` of `a` and `b` elementwise on gpu.js. */
export function gpuBinary(
  runner: KernelRunner,
  op: GpuBinaryOp,
  a: Float32Array,
  b: Float32Array,
): Float32Array {
  const n = a.length;
  const part = (s: number, e: number) => ({
    dtype: 'float32' as const,
    shape: [e - s],
    data: a.subarray(s, e),
  });
  return chunked(
    n,
    new Float32Array(n),
    (s) =>
      runner.run(`binary:${op}`, () => binarySpec(op), [
        a.subarray(s, s + CHUNK),
        b.subarray(s, s + CHUNK),
      ]),
    (s) =>
      reference.binary(op, part(s, n), { dtype: 'float32', shape: [n - s], data: b.subarray(s) })
        .data,
  );
}
