import {
  type Aval,
  add,
  bind,
  type MainTrace,
  type Primitive,
  type PrimitiveParams,
  type Tensor,
  Trace,
  withNewMain,
  zerosLike,
} from '@tessera/tensor';
import { equalStructure, flatten, unflatten } from '@tessera/tree';
import { DifferentiationError } from './errors.js';
import { PrimalTracer } from './primal-tracer.js';
import { rules } from './rules.js';
import { flattenReal, type TensorTree } from './tensors.js';

/**
 * A value in forward mode: its primal and its tangent (`null` stands for a zero tangent, so
 * constants cost nothing to carry).
 */
export class JvpTracer extends PrimalTracer {
  constructor(
    readonly trace: JvpTrace,
    readonly primal: Tensor,
    readonly tangent: Tensor | null,
  ) {
    super();
  }
  /** With a zero tangent, the value does not depend on this level's input: drop the level. */
  override fullLower(): Tensor {
    return this.tangent === null ? this.primal : this;
  }
}

/** The forward-mode level: each primitive maps its tangents through its partial derivatives. */
export class JvpTrace extends Trace {
  pure(value: Tensor): Tensor {
    return new JvpTracer(this, value, null);
  }
  lift(value: Tensor): Tensor {
    return new JvpTracer(this, value, null);
  }
  processPrimitive<P extends Primitive>(
    primitive: P,
    tracers: readonly Tensor[],
    params: PrimitiveParams[P],
    _out: Aval,
  ): Tensor {
    const args = tracers as readonly JvpTracer[];
    const primals = args.map((t) => t.primal);
    const out = bind(primitive, primals, params);
    if (args.every((t) => t.tangent === null)) return new JvpTracer(this, out, null);
    const partials = rules[primitive](primals, params, out);
    let tangent: Tensor | null = null;
    args.forEach((arg, i) => {
      const p = partials[i];
      if (arg.tangent === null || p === undefined) return;
      const term = p.jvp(arg.tangent);
      tangent = tangent === null ? term : add(tangent, term);
    });
    return new JvpTracer(this, out, tangent);
  }
}

/** The tangent carried by `out` at level `main` (zero when `out` does not depend on it). */
export function tangentAt(main: MainTrace, out: Tensor): Tensor | null {
  return out instanceof JvpTracer && out.trace.main === main ? out.tangent : null;
}

/** The primal of `out` at level `main`. */
export function primalAt(main: MainTrace, out: Tensor): Tensor {
  return out instanceof JvpTracer && out.trace.main === main ? out.primal : out;
}

function checkTangent(api: string, i: number, primal: Tensor, tangent: Tensor): void {
  if (tangent.dtype !== primal.dtype || tangent.shape.join() !== primal.shape.join()) {
    throw new DifferentiationError(
      `${api}: tangent ${i} is ${tangent.dtype}[${tangent.shape.join(',')}] but its primal is ${primal.dtype}[${primal.shape.join(',')}]`,
    );
  }
}

/**
 * Forward mode: evaluates `f` at `primals` and its directional derivative along `tangents`,
 * as JAX's `jvp`. Both are arrays with one pytree of tensors per argument of `f`; tangents
 * must match their primals in structure, shape and dtype. Returns `[outputs, outputTangents]`
 * with the structure of `f`'s result.
 *
 * Integer and bool arguments cannot be differentiated (a `DifferentiationError`); integer
 * values computed inside `f` (indices, comparisons) carry a zero derivative.
 *
 * @example
 * ```ts
 * const [y, dy] = jvp((x) => mul(x, x), [tensor(3)], [tensor(1)]); // y = 9, dy = 6
 * ```
 */
export function jvp<Args extends readonly unknown[], Out>(
  f: (...args: Args) => Out,
  primals: Args,
  tangents: { readonly [K in keyof Args]: TensorTree },
): [Out, Out] {
  const [primalLeaves, structure] = flattenReal('jvp', 'primal', primals as readonly TensorTree[]);
  const [tangentLeaves, tangentStructure] = flatten<Tensor>(tangents as readonly TensorTree[]);
  if (!equalStructure(tangentStructure, structure)) {
    throw new DifferentiationError(
      `jvp: tangents ${String(tangentStructure)} do not match primals ${String(structure)}`,
    );
  }
  primalLeaves.forEach((p, i) => {
    checkTangent('jvp', i, p, tangentLeaves[i]!);
  });
  return withNewMain(
    (main) => new JvpTrace(main),
    (main) => {
      const inputs = primalLeaves.map(
        (p, i) => new JvpTracer(main.trace as JvpTrace, p, tangentLeaves[i]!),
      );
      const out = f(...(unflatten(structure, inputs) as unknown as Args));
      const [outLeaves, outStructure] = flatten<Tensor>(out as TensorTree);
      const ys = outLeaves.map((y) => primalAt(main, y));
      const dys = outLeaves.map((y, i) => tangentAt(main, y) ?? zerosLike(ys[i]!));
      return [unflatten(outStructure, ys) as Out, unflatten(outStructure, dys) as Out];
    },
  );
}
