import { describe, expect, it } from 'vitest';
import {
  type Aval,
  add,
  bind,
  ConcreteTensor,
  ConcretizationError,
  type MainTrace,
  mul,
  type Primitive,
  type PrimitiveParams,
  ShapeError,
  sum,
  type Tensor,
  Trace,
  Tracer,
  tensor,
  withNewMain,
  zerosLike,
} from '../src/index.js';

/**
 * A minimal forward-mode level, written against the public interpreter API only: it shows that
 * a transformation is a level of the stack, and that nested levels keep their perturbations
 * apart. `@tessera/autodiff` builds the real one.
 */
class DualTracer extends Tracer {
  constructor(
    readonly trace: DualTrace,
    readonly primal: Tensor,
    readonly tangent: Tensor,
  ) {
    super();
  }
  get shape() {
    return this.primal.shape;
  }
  get dtype() {
    return this.primal.dtype;
  }
}

class DualTrace extends Trace {
  pure(value: Tensor): Tensor {
    return new DualTracer(this, value, zerosLike(value));
  }
  lift(value: Tensor): Tensor {
    return this.pure(value);
  }
  processPrimitive<P extends Primitive>(
    primitive: P,
    tracers: readonly Tensor[],
    params: PrimitiveParams[P],
    out: Aval,
  ): Tensor {
    const [x, y] = tracers as DualTracer[];
    const primal = bind(
      primitive,
      tracers.map((t) => (t as DualTracer).primal),
      params,
    );
    expect(primal.shape).toEqual(out.shape);
    const tangent = (() => {
      switch (primitive) {
        case 'add':
          return add(x!.tangent, y!.tangent);
        case 'mul':
          // d(xy) = x dy + y dx
          return add(mul(x!.primal, y!.tangent), mul(y!.primal, x!.tangent));
        case 'reduceSum':
        case 'reshape':
        case 'broadcast':
          // linear maps are their own derivative
          return bind(primitive, [x!.tangent], params);
        default:
          throw new Error(`no rule for ${primitive}`);
      }
    })();
    return new DualTracer(this, primal, tangent);
  }
}

function derivative(f: (x: Tensor) => Tensor) {
  return (x: Tensor): Tensor =>
    withNewMain(
      (main: MainTrace) => new DualTrace(main),
      (main) => {
        const trace = new DualTrace(main);
        const out = f(new DualTracer(trace, x, tensor(1, { dtype: x.dtype })));
        return out instanceof DualTracer && out.trace.main === main ? out.tangent : zerosLike(out);
      },
    );
}

describe('the interpreter stack', () => {
  const x = tensor(3, { dtype: 'float64' });

  it('evaluates at level 0 when no argument is a tracer', () => {
    expect(bind('add', [x, x], {})).toBeInstanceOf(ConcreteTensor);
  });

  it('hands primitives to the level of their tracers', () => {
    // d/dx x^3 = 3x^2 = 27 at x = 3
    expect(derivative((t) => mul(t, mul(t, t)))(x).item()).toBe(27);
  });

  it('nested levels do not confuse perturbations: d/dx [x * d/dy (x + y)] = 1', () => {
    const inner = (t: Tensor) => derivative((y) => add(t, y))(tensor(1, { dtype: 'float64' }));
    expect(derivative((t) => mul(t, inner(t)))(x).item()).toBe(1);
  });

  it('second derivatives come from nesting: d2/dx2 x^3 = 6x', () => {
    const cube = (t: Tensor) => mul(t, mul(t, t));
    expect(derivative(derivative(cube))(x).item()).toBe(18);
  });

  it('validates shapes at every level, before the trace sees them', () => {
    expect(() =>
      derivative((t) => bind('add', [t, tensor([1, 2], { dtype: 'float64' })], {}))(x),
    ).toThrow('add: shapes [] and [2] differ');
    expect(derivative((t) => sum(mul(t, tensor([1, 2], { dtype: 'float64' }))))(x).item()).toBe(3);
  });

  it('traced values have no concrete data', () => {
    expect(() =>
      derivative((t) => {
        t.toArray();
        return t;
      })(x),
    ).toThrow(ConcretizationError);
  });

  it('a tracer used after its level ended is an error, not a wrong answer', () => {
    let leaked: Tensor = x;
    derivative((t) => {
      leaked = t;
      return t;
    })(x);
    expect(() => derivative((t) => add(t, leaked))(x)).toThrow(/escaped its transformation/);
    expect(() => bind('add', [x], {})).toThrow(ShapeError);
  });
});
