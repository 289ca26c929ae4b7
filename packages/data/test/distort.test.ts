import { type Key, key, uniform } from '@tessera/random';
import { ConcreteTensor, type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../src/distort/eigen.js';
import { gaussianKernel, gaussianMatrix, smoothingBasis } from '../src/distort/gaussian.js';
import { distort, distortImages, fromTensors, mnist } from '../src/index.js';

function values(x: Tensor): Float32Array | Float64Array {
  if (!(x instanceof ConcreteTensor)) throw new TypeError('expected values');
  return x.buffer.data as Float32Array | Float64Array;
}

interface Batch {
  readonly images: Tensor;
  readonly lo: number;
  readonly hi: number;
}

/** Random batches: [n, h, w] or [n, c, h, w], float32 or float64, values in [lo, hi]. */
const batchArb: fc.Arbitrary<Batch> = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    c: fc.constantFrom(0, 1, 3),
    h: fc.integer({ min: 1, max: 12 }),
    w: fc.integer({ min: 1, max: 12 }),
    dtype: fc.constantFrom('float32' as const, 'float64' as const),
    lo: fc.double({ min: -2, max: 0, noNaN: true }),
    span: fc.double({ min: 0.5, max: 3, noNaN: true }),
    seed: fc.nat(),
  })
  .map(({ n, c, h, w, dtype, lo, span, seed }) => {
    const shape = c === 0 ? [n, h, w] : [n, c, h, w];
    const size = shape.reduce((a, b) => a * b, 1);
    const u = uniform(key(seed), [size], { dtype: 'float64' });
    const scaled = u.map((v) => lo + span * v);
    const data = dtype === 'float32' ? Float32Array.from(scaled) : scaled;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return { images: tensor(data, { shape, dtype }), lo: min, hi: max };
  });

const keyArb = fc.nat({ max: 2 ** 31 }).map((s) => key(s));
const NO_AFFINE = { translate: 0, scale: 0, squeeze: 0, shear: 0 };
const BOTH = { affine: {}, elastic: {} };

describe('distort', () => {
  it('a zero distortion is the identity, exactly', () => {
    fc.assert(
      fc.property(batchArb, keyArb, ({ images }, k) => {
        expect(distort(images, k, {})).toBe(images);
        for (const options of [
          { affine: NO_AFFINE },
          { elastic: { alpha: 0 } },
          { affine: NO_AFFINE, elastic: { alpha: 0 } },
        ]) {
          const out = distort(images, k, options);
          expect(out.shape).toEqual(images.shape);
          expect(out.dtype).toBe(images.dtype);
          expect(values(out)).toEqual(values(images));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('values stay within the range of the input (and the background)', () => {
    fc.assert(
      fc.property(
        batchArb,
        keyArb,
        fc.constantFrom('affine', 'elastic', 'both'),
        ({ images, lo, hi }, k, which) => {
          const options =
            which === 'both'
              ? BOTH
              : {
                  [which]:
                    which === 'elastic' ? { alpha: 8, sigma: 2 } : { translate: 3, shear: 0.5 },
                };
          const out = values(distort(images, k, options));
          for (const v of out) {
            expect(v).toBeGreaterThanOrEqual(lo);
            expect(v).toBeLessThanOrEqual(hi);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the same key gives the same images, different keys different ones', () => {
    const { images } = mnist({ split: 'test', limit: 8 });
    for (const options of [{ affine: {} }, { elastic: {} }, BOTH]) {
      const a = values(distort(images, key(1), options));
      expect(values(distort(images, key(1), options))).toEqual(a);
      const b = values(distort(images, key(2), options));
      expect(b).not.toEqual(a);
      expect(a).not.toEqual(values(images));
    }
  });

  it('draws a distortion per image', () => {
    const one = values(mnist({ split: 'test', limit: 1 }).images);
    const copies = tensor(
      Float32Array.from({ length: 4 * 784 }, (_, i) => one[i % 784]!),
      { shape: [4, 1, 28, 28] },
    );
    const out = values(distort(copies, key(1), BOTH));
    const images = [0, 1, 2, 3].map((i) => out.subarray(i * 784, (i + 1) * 784));
    for (let i = 1; i < 4; i++) expect(images[i]).not.toEqual(images[0]);
  });

  it('moves all channels of an image together', () => {
    const gray = mnist({ split: 'test', limit: 2 }).images;
    const g = values(gray);
    const rgb = tensor(
      Float32Array.from(
        { length: 2 * 3 * 784 },
        (_, i) => g[Math.floor(i / 2352) * 784 + (i % 784)]!,
      ),
      {
        shape: [2, 3, 28, 28],
      },
    );
    const one = values(distort(gray, key(4), BOTH));
    const three = values(distort(rgb, key(4), BOTH));
    for (let c = 0; c < 3; c++)
      expect(three.subarray(2352 + c * 784, 2352 + (c + 1) * 784)).toEqual(one.subarray(784, 1568));
  });

  it('translation moves the ink by at most the range', () => {
    const { images } = mnist({ split: 'test', limit: 32, pad: true });
    const out = values(distort(images, key(3), { affine: { ...NO_AFFINE, translate: 2 } }));
    const before = values(images);
    const centre = (data: Float32Array | Float64Array, i: number): [number, number] => {
      let m = 0;
      let mx = 0;
      let my = 0;
      for (let p = 0; p < 1024; p++) {
        const v = data[i * 1024 + p]!;
        m += v;
        mx += v * (p % 32);
        my += v * Math.floor(p / 32);
      }
      return [mx / m, my / m];
    };
    let moved = 0;
    for (let i = 0; i < 32; i++) {
      const [x0, y0] = centre(before, i);
      const [x1, y1] = centre(out, i);
      expect(Math.abs(x1 - x0)).toBeLessThanOrEqual(2.01);
      expect(Math.abs(y1 - y0)).toBeLessThanOrEqual(2.01);
      moved += Math.hypot(x1 - x0, y1 - y0);
    }
    expect(moved / 32).toBeGreaterThan(0.5);
  });

  it('uses the given background for pixels from outside', () => {
    const ones = tensor(new Float32Array(2 * 8 * 8).fill(1), { shape: [2, 8, 8] });
    const out = values(
      distort(ones, key(0), { affine: { ...NO_AFFINE, translate: 3 }, background: 0 }),
    );
    expect(out.some((v) => v === 0)).toBe(true);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('rejects what it cannot distort, clearly', () => {
    const k = key(0);
    expect(() => distort(tensor([1, 2], { dtype: 'int32' }), k, BOTH)).toThrow(
      /float32 or float64, got int32/,
    );
    expect(() => distort(tensor([1, 2]), k, BOTH)).toThrow(/\[n, channels, height, width\]/);
    const x = tensor(new Float32Array(16), { shape: [1, 4, 4] });
    expect(() => distort(x, k, { affine: { scale: 1 } })).toThrow(
      /affine\.scale must be in \[0, 1\)/,
    );
    expect(() => distort(x, k, { elastic: { sigma: 0 } })).toThrow(/elastic\.sigma/);
    expect(() => distort(x, k, { affine: { translate: Number.NaN } })).toThrow(/affine\.translate/);
  });
});

describe('distortImages in a pipeline', () => {
  it('distorts images per batch and leaves the labels untouched', () => {
    const data = fromTensors(mnist({ split: 'test', limit: 300 }));
    const plain = data
      .shuffle()
      .batch(128)
      .mapWithKey((b, _k: Key) => b);
    const distorted = data
      .shuffle()
      .batch(128)
      .mapWithKey(distortImages({ elastic: {} }));
    const k = key(11);
    const a = plain.toArray(k);
    const b = distorted.toArray(k);
    expect(b.map((x) => x.labels.toArray())).toEqual(a.map((x) => x.labels.toArray()));
    expect(b.map((x) => x.images.shape)).toEqual(a.map((x) => x.images.shape));
    expect(values(b[0]!.images)).not.toEqual(values(a[0]!.images));
    // Random access to a batch gives what iteration gives.
    expect(values(distorted.at(0, k).images)).toEqual(values(b[0]!.images));
  });
});

describe('the elastic field', () => {
  it('Jacobi eigendecomposition reconstructs the matrix with orthonormal vectors', () => {
    const n = 12;
    const a = gaussianMatrix(n, 1.5);
    const { values: l, vectors: v } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += v[i * n + k]! * l[k]! * v[j * n + k]!;
          dot += v[k * n + i]! * v[k * n + j]!;
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j]!, 12);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it("has the covariance of Simard's blurred noise: B B^T = G^2 up to the dropped eigenvalues", () => {
    // What is dropped is below (1e-2 lambda_max)^2 in norm, and lambda_max <= 1 since the
    // kernel's weights sum to 1 (Gershgorin).
    for (const [n, sigma] of [
      [28, 4],
      [32, 4],
      [28, 2],
      [9, 1],
    ] as const) {
      const g = gaussianMatrix(n, sigma);
      const { rank, basis } = smoothingBasis(n, sigma);
      expect(rank).toBeLessThanOrEqual(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let g2 = 0;
          let bb = 0;
          for (let k = 0; k < n; k++) g2 += g[i * n + k]! * g[k * n + j]!;
          for (let a = 0; a < rank; a++) bb += basis[i * rank + a]! * basis[j * rank + a]!;
          expect(Math.abs(bb - g2)).toBeLessThan(1e-4);
        }
      }
    }
    expect(smoothingBasis(28, 4).rank).toBeLessThan(10);
    expect(gaussianKernel(4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('displaces pixels with the variance of the paper recipe, measured end to end', () => {
    // On a ramp image (value = x), an interior pixel's output minus its input is its
    // horizontal displacement, so the sample variance over many images estimates the
    // field's, which Simard's recipe gives as alpha^2 / 3 * (G^2)_yy (G^2)_xx.
    const n = 400;
    const ramp = Float32Array.from({ length: n * 784 }, (_, i) => i % 28);
    const out = values(
      distort(tensor(ramp, { shape: [n, 28, 28] }), key(5), { elastic: { alpha: 34, sigma: 4 } }),
    );
    const p = 14 * 28 + 14;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const d = out[i * 784 + p]! - 14;
      sum += d;
      sq += d * d;
    }
    const variance = sq / n - (sum / n) ** 2;
    const g = gaussianMatrix(28, 4);
    let g2 = 0;
    for (let k = 0; k < 28; k++) g2 += g[14 * 28 + k]! ** 2;
    const expected = ((34 * 34) / 3) * g2 * g2;
    expect(variance / expected).toBeGreaterThan(0.75);
    expect(variance / expected).toBeLessThan(1.25);
  });
});
