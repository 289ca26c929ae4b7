import {
  astype,
  bind,
  mul,
  type Primitive,
  reshape,
  sum,
  type Tensor,
  tensor,
} from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGrads, grad, jacfwd, jacrev, jvp, vjp } from '../src/index.js';
import { type Case, cases, nonSmooth } from './cases.js';

/** The primitive as a function of its differentiable arguments; the others stay fixed. */
function asFunction(primitive: Primitive, c: Case): (...xs: Tensor[]) => Tensor {
  return (...xs) => {
    const args = [...c.args];
    c.diff.forEach((a, i) => {
      args[a] = xs[i]!;
    });
    const out = bind(primitive, args, c.params as never);
    // Integer and bool results have no derivative; compare them as reals (their derivative is 0).
    return out.dtype === 'float64' ? out : astype(out, 'float64');
  };
}

function randomLike(x: Tensor, seed: number): Tensor {
  const data = Float64Array.from({ length: x.size }, (_, i) => Math.sin(seed * 7919 + i * 104729));
  return tensor(data, { shape: x.shape });
}

function dot(a: Tensor, b: Tensor): number {
  const ad = a.data();
  const bd = b.data();
  let s = 0;
  for (let i = 0; i < ad.length; i++) s += ad[i]! * bd[i]!;
  return s;
}

const primitives = Object.keys(cases) as Primitive[];

describe.each(primitives)('%s', (primitive) => {
  const arbitrary = cases[primitive]() as fc.Arbitrary<Case>;

  it('JVP and VJP agree with central differences', () => {
    fc.assert(
      fc.property(arbitrary, (c) => {
        const f = asFunction(primitive, c);
        checkGrads(
          f,
          c.diff.map((a) => c.args[a]!),
          c.tolerance ?? {},
        );
      }),
      { numRuns: 15 },
    );
  });

  it('the adjoint identity <vjp(ct), t> = <ct, jvp(t)> holds', () => {
    fc.assert(
      fc.property(arbitrary, fc.nat(1000), (c, seed) => {
        const f = asFunction(primitive, c);
        const xs = c.diff.map((a) => c.args[a]!);
        const ts = xs.map((x, i) => randomLike(x, seed + i));
        const [out, dout] = jvp(f, xs, ts);
        const ct = randomLike(out, seed + 99);
        const cts = vjp(f, ...xs)[1](ct);
        const left = cts.reduce((s, g, i) => s + dot(g, ts[i]!), 0);
        const right = dot(ct, dout);
        // Casts to float32 round both sides differently; everything else is exact to rounding.
        const tol = c.tolerance ? 1e-5 : 1e-9;
        expect(Math.abs(left - right)).toBeLessThanOrEqual(tol * (1 + Math.abs(right)));
      }),
      { numRuns: 15 },
    );
  });

  it.skipIf(nonSmooth.has(primitive))(
    'second order: symmetric Hessians, forward-over-reverse equals reverse-over-reverse',
    () => {
      fc.assert(
        fc.property(arbitrary, fc.nat(1000), (c, seed) => {
          if (!c.smooth) return;
          const f = asFunction(primitive, c);
          const xs = c.diff.map((a) => c.args[a]!);
          const u = randomLike(f(...xs), seed);
          // A scalar function of the first differentiable argument, the others fixed.
          const s = (x: Tensor) => sum(mul(f(x, ...xs.slice(1)), u));
          const g = grad(s);
          const forwardOverReverse = jacfwd(g)(xs[0]!);
          const reverseOverReverse = jacrev(g)(xs[0]!);
          const n = xs[0]!.size;
          const h = reshape(forwardOverReverse, [n, n]).toArray() as number[][];
          const r = reshape(reverseOverReverse, [n, n]).toArray() as number[][];
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(h[i]![j]!).toBeCloseTo(h[j]![i]!, 9);
              expect(h[i]![j]!).toBeCloseTo(r[i]![j]!, 9);
            }
          }
          checkGrads(f, xs, { order: 2, ...(c.tolerance ?? {}) });
        }),
        { numRuns: 5 },
      );
    },
  );
});
