import type { DType, Shape } from '@tessera/kernels';
import { abstractEval } from './abstract-eval.js';
import { evaluate } from './evaluate.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import { type ConcreteTensor, Tensor } from './tensor.js';

/** The shape and dtype of a value: all that is known of it without its data. */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * One level of the interpreter stack. Transformations (forward and reverse mode in
 * `@tessera/autodiff`) subclass it; level 0 evaluates on a backend.
 *
 * A trace receives every primitive applied to at least one of its tracers, with all the
 * other arguments raised to its level: constants by {@link Trace.pure}, tracers of lower
 * levels by {@link Trace.lift}. This is the design of JAX (see "Autodidax: JAX core from
 * scratch"), which is what lets transformations nest without confusing their values.
 */
export abstract class Trace {
  constructor(readonly main: MainTrace) {}
  /** Wraps a value from outside every transformation as a tracer of this level. */
  abstract pure(value: Tensor): Tensor;
  /** Wraps a tracer of a lower level as a tracer of this level. */
  abstract lift(value: Tensor): Tensor;
  /**
   * Applies `primitive` to tracers of this level; `out` is the shape and dtype of the
   * result, already inferred (and the arguments validated) by {@link bind}.
   */
  abstract processPrimitive<P extends Primitive>(
    primitive: P,
    tracers: readonly Tensor[],
    params: PrimitiveParams[P],
    out: Aval,
  ): Tensor;
}

/** A level on the interpreter stack: its position and the trace that runs it. */
export class MainTrace {
  /** The trace of this level, made once when the level starts. */
  readonly trace: Trace;
  constructor(
    readonly level: number,
    makeTrace: (main: MainTrace) => Trace,
  ) {
    this.trace = makeTrace(this);
  }
}

/**
 * A tensor that belongs to a transformation level: it has a shape and a dtype, and ops on it
 * are handed to its trace instead of being evaluated.
 *
 * @example
 * ```ts
 * class MyTracer extends Tracer { ... } // defined by a transformation
 * ```
 */
export abstract class Tracer extends Tensor {
  /** The trace this tracer belongs to. */
  abstract readonly trace: Trace;
  /** The value with the transformation removed, where that is possible (default: itself). */
  fullLower(): Tensor {
    return this;
  }
}

class EvalTrace extends Trace {
  pure(value: Tensor): Tensor {
    return value;
  }
  lift(value: Tensor): Tensor {
    return value;
  }
  processPrimitive<P extends Primitive>(
    primitive: P,
    values: readonly Tensor[],
    params: PrimitiveParams[P],
    out: Aval,
  ): Tensor {
    return evaluate(primitive, values as readonly ConcreteTensor[], params, out);
  }
}

const stack: MainTrace[] = [new MainTrace(0, (main) => new EvalTrace(main))];

/**
 * Runs `body` with a new transformation level on top of the stack, removed afterwards even
 * when `body` throws.
 *
 * @example
 * ```ts
 * withNewMain((main) => new JvpTrace(main), (main) => { ... });
 * ```
 */
export function withNewMain<R>(
  makeTrace: (main: MainTrace) => Trace,
  body: (main: MainTrace) => R,
): R {
  const main = new MainTrace(stack.length, makeTrace);
  stack.push(main);
  try {
    return body(main);
  } finally {
    stack.pop();
  }
}

/**
 * Applies a primitive: validates the arguments, then hands the primitive to the highest
 * trace among its arguments (level 0, evaluation, when none is a tracer).
 *
 * @example
 * ```ts
 * bind('add', [x, y], {}); // what add(x, y) does after broadcasting
 * ```
 */
export function bind<P extends Primitive>(
  primitive: P,
  args: readonly Tensor[],
  params: PrimitiveParams[P],
): Tensor {
  const aval = abstractEval(primitive, args, params);
  const trace = topTrace(args);
  const raised = args.map((arg) => raise(trace, arg));
  const out = trace.processPrimitive(primitive, raised, params, aval);
  return out instanceof Tracer ? out.fullLower() : out;
}

/**
 * The trace of the highest level among the tracers in `args`, or the evaluation trace when
 * none is a tracer: the trace that must process an operation on `args`.
 *
 * @example
 * ```ts
 * topTrace([tensor(1)]).main.level; // 0
 * ```
 */
export function topTrace(args: readonly Tensor[]): Trace {
  let top = stack[0]!;
  for (const arg of args) {
    if (arg instanceof Tracer && arg.trace.main.level > top.level) top = arg.trace.main;
  }
  return top.trace;
}

/**
 * `value` as a value of `trace`'s level: constants through {@link Trace.pure}, tracers of lower
 * levels through {@link Trace.lift}. A tracer of a higher level, or of an ended level, is an
 * error: it escaped the transformation that made it.
 *
 * @example
 * ```ts
 * const trace = topTrace(args);
 * const raised = args.map((a) => raise(trace, a));
 * ```
 */
export function raise(trace: Trace, value: Tensor): Tensor {
  if (!(value instanceof Tracer)) return trace.pure(value);
  const level = value.trace.main.level;
  if (value.trace.main === trace.main) return value;
  if (level < trace.main.level) return trace.lift(value);
  throw new Error(
    `bind: a tracer of level ${level} escaped its transformation (current level ${trace.main.level}); ` +
      'values computed inside grad or jvp must not be used after it returns',
  );
}
