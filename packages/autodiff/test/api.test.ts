import {
  abs,
  add,
  conv2d,
  exp,
  log,
  matmul,
  max,
  maximum,
  maxPool2d,
  mean,
  mul,
  relu,
  reshape,
  sigmoid,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkGrads,
  customJvp,
  customVjp,
  DifferentiationError,
  GradientCheckError,
  grad,
  hessian,
  hvp,
  jacfwd,
  jacrev,
  jvp,
  stopGradient,
  valueAndGrad,
  vjp,
} from '../src/index.js';

const f64 = (v: number | number[] | number[][]) => tensor(v, { dtype: 'float64' });
const scalarArb = fc.integer({ min: -300, max: 300 }).map((v) => f64(v / 100));

describe('nesting', () => {
  it('perturbation confusion: d/dx [x * d/dy (x + y)] = 1 at every x', () => {
    fc.assert(
      fc.property(scalarArb, (x) => {
        const inner = (t: Tensor) => grad((y: Tensor) => add(t, y))(f64(1));
        expect(grad((t: Tensor) => mul(t, inner(t)))(x).item()).toBe(1);
        const innerFwd = (t: Tensor) => jvp((y: Tensor) => add(t, y), [f64(1)], [f64(1)])[1];
        expect(jvp((t: Tensor) => mul(t, innerFwd(t)), [x], [f64(1)])[1].item()).toBe(1);
      }),
    );
  });

  it('derivatives of any order and any mix of modes: x^4', () => {
    const f = (x: Tensor) => mul(square(x), square(x));
    const x = f64(1.5);
    const d = (g: (t: Tensor) => Tensor) => (t: Tensor) => grad(g)(t);
    const fwd = (g: (t: Tensor) => Tensor) => (t: Tensor) => jvp(g, [t], [f64(1)])[1];
    expect(d(f)(x).item()).toBeCloseTo(4 * 1.5 ** 3, 12);
    expect(d(d(f))(x).item()).toBeCloseTo(12 * 1.5 ** 2, 12);
    expect(d(d(d(f)))(x).item()).toBeCloseTo(24 * 1.5, 12);
    expect(fwd(d(fwd(f)))(x).item()).toBeCloseTo(24 * 1.5, 12);
    expect(d(fwd(d(d(f))))(x).item()).toBeCloseTo(24, 12);
  });

  it('jacfwd equals jacrev on random smooth functions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 1, maxLength: 5 }),
        (v) => {
          const x = tensor(Float64Array.from(v, (a) => a / 100));
          const f = (t: Tensor) => tanh(matmul(reshape(t, [-1, 1]), reshape(sigmoid(t), [1, -1])));
          const a = jacfwd(f)(x).data();
          const b = jacrev(f)(x).data();
          for (const [i, value] of a.entries()) expect(value).toBeCloseTo(b[i]!, 12);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('hessian is symmetric and hvp equals the Hessian times v', () => {
    const f = (x: Tensor) => sum(mul(exp(mul(x, 0.3)), tanh(x)));
    const x = f64([0.3, -1.2, 2]);
    const v = f64([1, -2, 0.5]);
    const h = hessian(f)(x);
    const hv = hvp(f, x, v).toArray() as number[];
    const expected = matmul(h, v).toArray() as number[];
    for (const [i, value] of hv.entries()) expect(value).toBeCloseTo(expected[i]!, 12);
    const rows = h.toArray() as number[][];
    for (const [i, row] of rows.entries()) {
      for (const [j, value] of row.entries()) expect(value).toBeCloseTo(rows[j]![i]!, 12);
    }
  });

  it('a pullback can be called many times and differentiated again', () => {
    const [, pullback] = vjp((x: Tensor) => mul(x, x), f64([1, 2]));
    expect(pullback(f64([1, 1]))[0].toArray()).toEqual([2, 4]);
    expect(pullback(f64([3, 0]))[0].toArray()).toEqual([6, 0]);
    // d/dx of the pullback of x^3 at direction 1: d/dx 3x^2 = 6x
    const g = (x: Tensor) => vjp((t: Tensor) => mul(t, mul(t, t)), x)[1](f64(1))[0];
    expect(grad(g)(f64(2)).item()).toBe(12);
  });

  it('a tracer used after its transformation returned is an error', () => {
    let leaked = f64(0);
    grad((x: Tensor) => {
      leaked = x;
      return x;
    })(f64(1));
    expect(() => grad((x: Tensor) => add(x, leaked))(f64(1))).toThrow(/escaped its transformation/);
  });
});

describe('grad over pytrees, argnums and aux', () => {
  const layers = [
    {
      w: f64([
        [0.5, -0.2],
        [0.1, 0.3],
      ]),
      b: f64([0.1, -0.1]),
    },
    { w: f64([[1], [-1]]), b: f64([0.2]) },
  ];
  type Params = { w: Tensor; b: Tensor }[];
  const x = f64([
    [1, 2],
    [-1, 0.5],
    [0, 3],
  ]);
  const loss = (params: Params, input: Tensor) =>
    mean(square(params.reduce((h: Tensor, { w, b }) => tanh(add(matmul(h, w), b)), input)));

  it('gradients of { w, b }[] parameters keep their structure and match finite differences', () => {
    const g = grad(loss)(layers, x);
    expect(g.length).toBe(2);
    expect(g[0]!.w.shape).toEqual([2, 2]);
    expect(g[1]!.b.shape).toEqual([1]);
    checkGrads(
      (w0, b0, w1, b1) =>
        loss(
          [
            { w: w0!, b: b0! },
            { w: w1!, b: b1! },
          ],
          x,
        ),
      [layers[0]!.w, layers[0]!.b, layers[1]!.w, layers[1]!.b],
    );
  });

  it('argnums selects arguments; a list gives a tuple', () => {
    const f = (a: Tensor, b: Tensor, c: Tensor) => sum(mul(mul(a, b), c));
    const [a, b, c] = [f64(2), f64(3), f64(5)];
    expect(grad(f, { argnums: 1 })(a, b, c).item()).toBe(10);
    const [ga, gc] = grad(f, { argnums: [0, 2] })(a, b, c);
    expect([ga.item(), gc.item()]).toEqual([15, 6]);
    expect(() => grad(f, { argnums: 3 })(a, b, c)).toThrow(DifferentiationError);
  });

  it('hasAux passes auxiliary data through; valueAndGrad returns the value', () => {
    const f = (x: Tensor) => [sum(square(x)), { norm: max(abs(x)) }] as const;
    const [g, aux] = grad(f, { hasAux: true })(f64([3, -4]));
    expect(g.toArray()).toEqual([6, -8]);
    expect(aux.norm.item()).toBe(4);
    const [[value, aux2], g2] = valueAndGrad(f, { hasAux: true })(f64([1, 2]));
    expect(value.item()).toBe(5);
    expect(aux2.norm.item()).toBe(2);
    expect(g2.toArray()).toEqual([2, 4]);
    const [v, g3] = valueAndGrad(loss)(layers, x);
    expect(v.item()).toBeCloseTo(loss(layers, x).item(), 15);
    expect(g3[0]!.w.shape).toEqual([2, 2]);
  });

  it('rejects non-scalar outputs and integer arguments with clear errors', () => {
    expect(() => grad((t: Tensor) => mul(t, 2))(f64([1, 2]))).toThrow(
      'grad: the function must return a scalar (shape []), got [2]; reduce it with sum or mean',
    );
    expect(() => grad((t: Tensor) => sum(t))(tensor([1], { dtype: 'int32' }))).toThrow(
      'vjp: primal leaf 0 has dtype int32; only float32 and float64 values can be differentiated',
    );
    expect(() => jvp((t: Tensor) => t, [f64([1, 2])], [f64([1])])).toThrow(
      /tangent 0 is float64\[1\] but its primal is float64\[2\]/,
    );
  });
});

describe('broadcasting is undone by summing', () => {
  it('the gradient of a broadcast operand has its shape and sums the repeats', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
          .chain((s) =>
            fc.tuple(
              fc.constant(s),
              fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }),
              fc.nat(s.length),
            ),
          ),
        ([s, ones, drop]) => {
          const small = s.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
          const a = tensor(new Float64Array(s.reduce((n, d) => n * d, 1)).fill(1), { shape: s });
          const b = tensor(new Float64Array(small.reduce((n, d) => n * d, 1)).fill(2), {
            shape: small,
          });
          const gb = grad((t: Tensor) => sum(mul(a, t)))(b);
          expect(gb.shape).toEqual(small);
          const repeats = a.size / b.size;
          for (const v of gb.data()) expect(v).toBe(repeats);
        },
      ),
    );
  });
});

describe('conventions at non-differentiable points', () => {
  it('relu and abs have derivative 0 at 0', () => {
    expect(grad((x: Tensor) => sum(relu(x)))(f64([0, 1, -1])).toArray()).toEqual([0, 1, 0]);
    expect(grad((x: Tensor) => sum(abs(x)))(f64([0, 2, -2])).toArray()).toEqual([0, 1, -1]);
  });

  it('maximum splits a tie evenly; max shares it among tied elements', () => {
    const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(maximum(a, b)), { argnums: [0, 1] })(
      f64([1, 2]),
      f64([1, 0]),
    );
    expect(ga.toArray()).toEqual([0.5, 1]);
    expect(gb.toArray()).toEqual([0.5, 0]);
    expect(grad((x: Tensor) => max(x))(f64([3, 1, 3])).toArray()).toEqual([0.5, 0, 0.5]);
  });

  it('max pooling sends the gradient to the first maximum of each window', () => {
    const x = tensor(new Float64Array([1, 1, 0, 1]), { shape: [1, 1, 2, 2] });
    expect(grad((t: Tensor) => sum(maxPool2d(t, 2)))(x).toArray()).toEqual([
      [
        [
          [1, 0],
          [0, 0],
        ],
      ],
    ]);
  });
});

describe('stopGradient and custom rules', () => {
  it('stopGradient passes values and blocks derivatives at every order', () => {
    const f = (x: Tensor) => mul(x, stopGradient(mul(x, x)));
    expect(f(f64(3)).item()).toBe(27);
    expect(grad(f)(f64(3)).item()).toBe(9);
    expect(grad(grad(f))(f64(3)).item()).toBe(0);
    expect(jvp(f, [f64(3)], [f64(1)])[1].item()).toBe(9);
  });

  it('customJvp: the rule is used in forward and (transposed) in reverse mode, at higher orders too', () => {
    // log(1 + e^x), naive form overflows; the rule gives the stable derivative sigmoid(x).
    const softplus = customJvp(
      (x) => log(add(exp(x), 1)),
      ([x], [t]) => [log(add(exp(x!), 1)), mul(t!, sigmoid(x!))],
    );
    const x = f64([-2, 0.5, 800]);
    expect(grad((t: Tensor) => sum(softplus(t)))(x).toArray()).toEqual(sigmoid(x).toArray());
    expect(jvp(softplus, [x], [f64([1, 1, 1])])[1].toArray()).toEqual(sigmoid(x).toArray());
    const second = grad((t: Tensor) => sum(grad((u: Tensor) => sum(softplus(u)))(t)))(f64([0.5]));
    const s = 1 / (1 + Math.exp(-0.5));
    expect(second.item()).toBeCloseTo(s * (1 - s), 12);
    checkGrads(softplus, [f64([-1, 0.25, 2])], { order: 2 });
  });

  it('customJvp with a wrong rule is caught by checkGrads, which names argument and element', () => {
    const wrong = customJvp(
      (x) => square(x),
      ([x], [t]) => [square(x!), mul(t!, x!)],
    );
    expect(() => checkGrads(wrong, [f64([1, 2])])).toThrow(GradientCheckError);
    expect(() => checkGrads(wrong, [f64([1, 2])])).toThrow(
      /checkGrads: forward mode, output element 0: argument 0, element \[0\]: expected 2\.0+\d* \(central differences\), got 1/,
    );
  });

  it('customVjp: a straight-through estimator', () => {
    const step = (x: Tensor) => mul(sigmoid(mul(x, 1e6)), 1);
    const ste = customVjp(
      step,
      (x) => [step(x), null],
      (_r, g) => [g],
    );
    expect(grad((t: Tensor) => sum(ste(t)))(f64([-1, 2])).toArray()).toEqual([1, 1]);
    expect(ste(f64([-1, 2])).toArray()).toEqual([0, 1]);
    expect(() => jvp(ste, [f64(1)], [f64(1)])).toThrow(/customVjp: forward mode/);
  });

  it('integer values computed inside carry no derivative', () => {
    const f = (x: Tensor) => sum(mul(x, sub(x, 0)));
    expect(grad(f)(f64([1, 2])).toArray()).toEqual([2, 4]);
    const x = tensor(
      new Float64Array(16).map((_, i) => i),
      { shape: [1, 1, 4, 4] },
    );
    const g = grad((t: Tensor) =>
      sum(conv2d(t, tensor(new Float64Array(4).fill(1), { shape: [1, 1, 2, 2] }))),
    )(x);
    expect(g.shape).toEqual([1, 1, 4, 4]);
  });
});
