// The curvature of the MAP loss through fixed RBF units (the faithful LeNet-5's head) against
// autodiff: the probe's covariance against the Hessian of mapLoss(rbf(x)), and the diagonal
// Gauss-Newton estimate against J^T H J built from one-hot pullbacks.
import { hessian, vjp } from '@tessera/autodiff';
import { dense, mapLoss, rbf } from '@tessera/layers';
import { bernoulli, key } from '@tessera/random';
import { type Tensor, tensor } from '@tessera/tensor';
import { leaves, type Tree } from '@tessera/tree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagGaussNewtonMapRbf, mapRbfHessianRoot } from '../src/index.js';
import { toFloat64 } from './float64.js';

const values = (length: number) =>
  fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), {
    minLength: length,
    maxLength: length,
  });

const problem = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 3 }),
    j: fc.double({ min: -1, max: 2, noNaN: true }),
    label: fc.nat(2),
  })
  .chain((p) =>
    fc
      .record({ x: values(p.d), w: values(p.k * p.d) })
      .map((v) => ({ ...p, ...v, label: p.label % p.k })),
  );

/** The Hessian of the MAP loss of `rbf(w)` at `x` (one example), by autodiff, as rows. */
function mapHessian(x: number[], w: number[], k: number, j: number, label: number): number[][] {
  const d = x.length;
  const head = rbf(tensor(Float64Array.from(w), { shape: [k, d] }));
  const labels = tensor(Int32Array.of(label), { shape: [1] });
  const loss = (v: Tensor) => mapLoss(head.apply(null, v), labels, { j });
  const h = hessian(loss)(tensor(Float64Array.from(x), { shape: [1, d] }));
  const flat = Array.from(h.data());
  return Array.from({ length: d }, (_, r) => flat.slice(r * d, (r + 1) * d));
}

describe('mapRbfHessianRoot', () => {
  it("has the MAP loss's Hessian through the RBF units as its covariance", () => {
    fc.assert(
      fc.property(problem, ({ d, k, j, label, x, w }) => {
        const draws = 20_000;
        const signs = bernoulli(key(d * 7 + k), 0.5, [draws, d + k + 1]);
        // The same example `draws` times, each with its own signs.
        const xs = Float64Array.from({ length: draws * d }, (_, i) => x[i % d]!);
        const u = mapRbfHessianRoot(xs, Float64Array.from(w), { n: draws, d, k }, j, signs);
        const expected = mapHessian(x, w, k, j, label);
        const scale = Math.max(1, ...expected.flat().map(Math.abs));
        for (let a = 0; a < d; a++) {
          for (let b = 0; b < d; b++) {
            let sum = 0;
            for (let e = 0; e < draws; e++) sum += u[e * d + a]! * u[e * d + b]!;
            expect(Math.abs(sum / draws - expected[a]![b]!)).toBeLessThan(0.06 * scale);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('diagGaussNewtonMapRbf', () => {
  it('averages to the diagonal of J^T H J per example, H the Hessian above', () => {
    fc.assert(
      fc.property(
        problem,
        fc.integer({ min: 1, max: 3 }),
        values(6),
        ({ d, k, j, w }, inputs, images) => {
          const n = 2;
          const features = dense(d);
          const [, raw] = features.init(key(inputs), [inputs]);
          const params = toFloat64(raw);
          const x = tensor(Float64Array.from(images.slice(0, n * inputs)), { shape: [n, inputs] });
          const prototypes = tensor(Float64Array.from(w), { shape: [k, d] });
          const h = flat(
            diagGaussNewtonMapRbf(features, prototypes, params, x, key(1), { probes: 3000, j }),
          );
          const expected = exactDiagonal(features, params, x, w, k, j);
          const scale = Math.max(...expected.map(Math.abs), 1e-6);
          expected.forEach((e, i) => {
            expect(Math.abs(h[i]! - e)).toBeLessThan(0.15 * Math.abs(e) + 0.03 * scale);
          });
        },
      ),
      { numRuns: 8 },
    );
  });
});

/** `1/N sum_n J_n^T H_n J_n`, diagonal only, with `J_n` from one-hot pullbacks of the features. */
function exactDiagonal(
  features: ReturnType<typeof dense>,
  params: unknown,
  x: Tensor,
  w: number[],
  k: number,
  j: number,
): number[] {
  const [out, pullback] = vjp((p: unknown) => features.apply(p as never, x), params);
  const [n, d] = out.shape as [number, number];
  const outputs = Array.from(out.data());
  const total = flat(params).map(() => 0);
  for (let e = 0; e < n; e++) {
    const rows = Array.from({ length: d }, (_, t) => {
      const oneHot = new Float64Array(n * d);
      oneHot[e * d + t] = 1;
      return flat(pullback(tensor(oneHot, { shape: [n, d] }))[0]);
    });
    const hess = mapHessian(outputs.slice(e * d, (e + 1) * d), w, k, j, 0);
    total.forEach((_, q) => {
      let sum = 0;
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) sum += rows[a]![q]! * hess[a]![b]! * rows[b]![q]!;
      }
      total[q]! += sum / n;
    });
  }
  return total;
}

const flat = (tree: unknown): number[] =>
  leaves(tree as Tree<Tensor>).flatMap((t) => Array.from(t.data()));
