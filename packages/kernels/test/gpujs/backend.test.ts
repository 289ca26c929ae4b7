import fc from 'fast-check';
import { CPUKernel, WebAssemblyKernel, WebGL2Kernel, WebGLKernel } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { engineName } from '../../src/gpujs/kernel.js';
import type { Backend, NdArray } from '../../src/index.js';
import {
  backendFromEnv,
  backendInfo,
  createGpujsBackend,
  GpujsModeUnavailableError,
  reference,
  sizeOf,
  UnknownBackendError,
  unavailableReason,
} from '../../src/index.js';
import { f32, gpujs } from './helpers.js';

type Kernel = Exclude<keyof Backend, 'name'>;

/** One call of every kernel, on float32 buffers built from 18 values. */
function calls(k: Backend, v: readonly number[]): { readonly [K in Kernel]: () => NdArray } {
  const x = f32([1, 2, 3, 3], v);
  const t = f32(
    [1, 2, 3, 3],
    v.map((a) => a * 2 - 1),
  );
  const w = f32([2, 2, 2, 2], v.slice(0, 16));
  const m = f32([2, 3, 3], v);
  const u = f32([1, 2, 2, 3], v.slice(0, 12));
  const dyPool = f32([1, 2, 2, 2], v.slice(0, 8));
  const idx: NdArray<'int32'> = { dtype: 'int32', shape: [2], data: new Int32Array([2, 0]) };
  const cond: NdArray<'bool'> = {
    dtype: 'bool',
    shape: [1, 2, 3, 3],
    data: Uint8Array.from(v, (a) => (a > 0 ? 1 : 0)),
  };
  const conv = {
    strides: [2, 1],
    padding: [
      [1, 0],
      [0, 1],
    ],
  } as const;
  const pool = { window: [2, 2], strides: [1, 1] } as const;
  return {
    unary: () => k.unary('tanh', x),
    binary: () => k.binary('mul', x, t),
    compare: () => k.compare('lt', x, t),
    where: () => k.where(cond, x, t),
    cast: () => k.cast(x, 'float64'),
    reduce: () => k.reduce('sum', x, { axes: [1, 3] }),
    argmax: () => k.argmax(x, { axis: 2 }),
    transpose: () => k.transpose(x, { perm: [3, 1, 0, 2] }),
    broadcast: () => k.broadcast(x, { shape: [2, 2, 3, 3] }),
    slice: () => k.slice(x, { begin: [0, 1, 0, 1], end: [1, 2, 3, 3], strides: [1, 1, 2, 1] }),
    pad: () => k.pad(x, { low: [0, 1, 0, 2], high: [1, 0, 1, 0], value: 3 }),
    concat: () => k.concat([x, t, x], { axis: 2 }),
    gather: () => k.gather(x, idx, { axis: 3 }),
    scatterAdd: () => k.scatterAdd(idx, u, { axis: 2, shape: [1, 2, 3, 3] }),
    matmul: () => k.matmul(m, m, { transposeA: true, transposeB: false }),
    conv2d: () => k.conv2d(x, w, conv),
    conv2dBackwardInput: () => k.conv2dBackwardInput(u, w, { ...conv, inputShape: x.shape }),
    conv2dBackwardFilter: () => k.conv2dBackwardFilter(x, u, { ...conv, filterShape: w.shape }),
    sumPool2d: () => k.sumPool2d(x, pool),
    sumPool2dBackward: () => k.sumPool2dBackward(dyPool, { ...pool, inputShape: x.shape }),
    maxPool2d: () => k.maxPool2d(x, pool),
    maxPool2dGather: () => k.maxPool2dGather(x, t, pool),
    maxPool2dScatter: () => k.maxPool2dScatter(x, dyPool, pool),
  };
}

const eighteen = fc.array(fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }), {
  minLength: 18,
  maxLength: 18,
});

describe('the gpujs backend', () => {
  it('is named after its mode and implements every kernel', () => {
    expect(gpujs.name).toBe('gpujs:webasm');
    for (const key of Object.keys(calls(reference, new Array<number>(18).fill(0)))) {
      expect(typeof gpujs[key as Kernel], key).toBe('function');
    }
  });

  it('never modifies its inputs, returns fresh buffers, and agrees with the reference', () => {
    fc.assert(
      fc.property(eighteen, (v) => {
        const before = v.slice();
        const mine = calls(gpujs, v);
        const theirs = calls(reference, v);
        for (const key of Object.keys(mine) as Kernel[]) {
          const out = mine[key]();
          const want = theirs[key]();
          expect(out.dtype, key).toBe(want.dtype);
          expect(out.shape, key).toEqual(want.shape);
          expect(out.data.length, key).toBe(sizeOf(out.shape));
          for (let i = 0; i < want.data.length; i++) {
            expect(Math.abs(out.data[i]! - want.data[i]!), key).toBeLessThanOrEqual(
              1e-5 * (1 + Math.abs(want.data[i]!)),
            );
          }
        }
        // The buffers were built from `v`; rebuilding them gives the same values.
        expect(v).toEqual(before);
        const inputs = calls(gpujs, v);
        const x = f32([1, 2, 3, 3], v);
        const snapshot = x.data.slice();
        gpujs.maxPool2dScatter(x, f32([1, 2, 2, 2], v.slice(0, 8)), {
          window: [2, 2],
          strides: [1, 1],
        });
        gpujs.conv2d(x, f32([2, 2, 2, 2], v.slice(0, 16)), {
          strides: [1, 1],
          padding: [
            [1, 1],
            [1, 1],
          ],
        });
        expect(x.data).toEqual(snapshot);
        expect(inputs.matmul().data.buffer).not.toBe(inputs.matmul().data.buffer);
      }),
      { numRuns: 5 },
    );
  });

  it('gives the same data-dependent errors as the reference (delegated kernels)', () => {
    const x = f32([3], [1, 2, 3]);
    const bad: NdArray<'int32'> = { dtype: 'int32', shape: [1], data: new Int32Array([7]) };
    expect(() => reference.gather(x, bad, { axis: 0 })).toThrow(RangeError);
    expect(() => gpujs.gather(x, bad, { axis: 0 })).toThrow(
      'gather: index 7 is out of range for axis 0 of size 3',
    );
  });

  it('sends float64 and int32 to the reference backend and small calls to it by the rule', () => {
    const measured = createGpujsBackend();
    const a64: NdArray<'float64'> = {
      dtype: 'float64',
      shape: [1, 8, 8],
      data: new Float64Array(64).fill(1),
    };
    const plain = { transposeA: false, transposeB: false };
    expect(measured.matmul(a64, a64, plain).dtype).toBe('float64');
    const small = f32([1, 8, 8], new Float32Array(64).fill(1));
    measured.matmul(small, small, plain); // 512 multiply-adds: below MIN_WORK.matmul
    expect(measured.stats.compiled).toBe(0);
    const big = f32([1, 64, 64], new Float32Array(4096).fill(1));
    expect(measured.matmul(big, big, plain).data[0]).toBe(64);
    expect(measured.stats.compiled).toBe(1);
    measured.dispose();
  });
});

describe('modes, selection and backendInfo', () => {
  it('refuses unavailable modes with a named error, never falling back', () => {
    expect(unavailableReason('webasm')).toBeNull();
    expect(unavailableReason('cpu')).toBeNull();
    for (const mode of ['headlessgl', 'webgl2', 'webgpu'] as const) {
      expect(() => createGpujsBackend({ mode })).toThrow(GpujsModeUnavailableError);
      expect(() => createGpujsBackend({ mode })).toThrow(`gpu.js mode '${mode}' is not available`);
    }
  });

  it('reads TESSERA_BACKEND and TESSERA_GPUJS_MODE', () => {
    expect(backendFromEnv({})).toBe(reference);
    expect(backendFromEnv({ TESSERA_BACKEND: 'reference' })).toBe(reference);
    const fromEnv = backendFromEnv({ TESSERA_BACKEND: 'gpujs' });
    expect(fromEnv.name).toBe('gpujs:webasm');
    expect(backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_MODE: 'cpu' }).name).toBe(
      'gpujs:cpu',
    );
    expect(() => backendFromEnv({ TESSERA_BACKEND: 'cuda' })).toThrow(UnknownBackendError);
    expect(() => backendFromEnv({ TESSERA_BACKEND: 'cuda' })).toThrow(
      "TESSERA_BACKEND='cuda' is not one of 'reference', 'gpujs'",
    );
    const always = backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_ROUTING: 'always' });
    expect(backendInfo(always).gpujs?.routing).toBe('always');
    expect(() => backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_ROUTING: 'x' })).toThrow(
      UnknownBackendError,
    );
    expect(() => backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_MODE: 'gl' })).toThrow(
      UnknownBackendError,
    );
    expect(() =>
      backendFromEnv({ TESSERA_BACKEND: 'gpujs', TESSERA_GPUJS_MODE: 'headlessgl' }),
    ).toThrow(GpujsModeUnavailableError);
  });

  it('backendInfo reports the mode and the gpu.js kernel classes that actually ran', () => {
    expect(backendInfo(reference)).toEqual({
      name: 'reference',
      kind: 'reference',
      float64: 'reference',
    });
    const b = createGpujsBackend({ routing: 'always' });
    const m = f32([1, 4, 4], new Float32Array(16).fill(2));
    b.matmul(m, m, { transposeA: false, transposeB: false });
    const info = backendInfo(b);
    expect(info.kind).toBe('gpujs');
    expect(info.gpujs?.mode).toBe('webasm');
    expect(info.gpujs?.engines).toEqual({ WebAssemblyKernel: 1 });
    b.dispose();
    expect(backendInfo({ ...reference, name: 'mine' }).kind).toBe('custom');
  });

  it('names kernel classes by instanceof, so minified class names do not leak into engines', () => {
    // A browser bundle's minifier renames classes: a subclass named `e` stands for one.
    const e = class extends WebAssemblyKernel {};
    expect(e.name).toBe('e');
    expect(engineName(Object.create(e.prototype))).toBe('WebAssemblyKernel');
    expect(engineName(Object.create(WebGL2Kernel.prototype))).toBe('WebGL2Kernel');
    expect(engineName(Object.create(WebGLKernel.prototype))).toBe('WebGLKernel');
    expect(engineName(Object.create(CPUKernel.prototype))).toBe('CPUKernel');
    expect(engineName(new (class Other {})())).toBe('Other');
  });
});

afterAll(() => gpujs.dispose());
