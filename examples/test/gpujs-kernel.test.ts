import { GPU } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { breakEven, firstDifference, SignKernels, sign, timeSign } from '../gpujs-kernel.js';

describe('gpujs-kernel example', () => {
  const gpu = new GPU({ mode: 'webasm' });
  const kernels = new SignKernels(gpu, 3);
  afterAll(() => {
    kernels.destroy();
    void gpu.destroy();
  });

  it('matches the reference bit for bit, specials included', () => {
    for (const n of [1, 5, 7, 4096, 65_537]) expect(firstDifference(kernels, n)).toBe(-1);
  });

  it('compiles once per size and keeps at most the capacity', () => {
    const before = kernels.compiled;
    firstDifference(kernels, 4096);
    expect(kernels.compiled).toBe(before);
  });

  it('routes small calls to the reference loop', () => {
    const x = { dtype: 'float32', shape: [3], data: new Float32Array([-2, 0, 5]) } as const;
    expect(Array.from(sign(kernels, x, 1).data)).toEqual([-1, 0, 1]);
    expect(Array.from(sign(kernels, x, 1000).data)).toEqual([-1, 0, 1]);
  });

  it('times both and finds the break-even', () => {
    const timings = timeSign(kernels, [256, 1024], 3);
    expect(timings.map((t) => t.n)).toEqual([256, 1024]);
    expect(
      breakEven([
        { n: 1, gpujsMs: 2, referenceMs: 1 },
        { n: 2, gpujsMs: 1, referenceMs: 2 },
        { n: 3, gpujsMs: 1, referenceMs: 3 },
      ]),
    ).toBe(2);
    expect(breakEven([{ n: 1, gpujsMs: 2, referenceMs: 1 }])).toBeNull();
  });
});
