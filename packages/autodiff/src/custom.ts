import { raise, type Tensor, topTrace, zerosLike } from '@tessera/tensor';
import { DifferentiationError } from './errors.js';
import { JvpTrace, JvpTracer } from './jvp.js';
import { PrimalTracer } from './primal-tracer.js';
import { VjpTrace, VjpTracer, vjp } from './vjp.js';

/**
 * Cuts `x` off from every differentiation level: its value passes through, its derivative is
 * zero, at every order (JAX's `stop_gradient`).
 *
 * @example
 * ```ts
 * grad((x: Tensor) => mul(x, stopGradient(x)))(tensor(3)); // 3, not 6
 * ```
 */
export function stopGradient(x: Tensor): Tensor {
  let value = x;
  while (value instanceof PrimalTracer) value = value.primal;
  return value;
}

/** A user-supplied forward-mode rule: primals and tangents in, `[output, outputTangent]` out. */
export type JvpRule = (
  primals: readonly Tensor[],
  tangents: readonly Tensor[],
) => readonly [Tensor, Tensor];

/**
 * `f` with a user-supplied derivative, as JAX's `custom_jvp`: in forward mode the rule gives
 * the output tangent; in reverse mode the rule's transpose (found by reverse-mode
 * differentiation of the rule in its tangents, which must enter linearly) gives the
 * cotangents. Useful for numerically stable derivatives and for fixing the derivative at a
 * kink. The rule is written with tensor ops, so higher orders differentiate through it.
 *
 * @example
 * ```ts
 * // log(1 + e^x) with the stable derivative sigmoid(x)
 * const softplus = customJvp(
 *   (x) => logSumExp(stack([zerosLike(x), x]), { axis: 0 }),
 *   ([x], [t]) => [softplus(x!), mul(t!, sigmoid(x!))],
 * );
 * ```
 */
export function customJvp(
  f: (...args: Tensor[]) => Tensor,
  rule: JvpRule,
): (...args: Tensor[]) => Tensor {
  const custom = (...args: Tensor[]): Tensor => {
    const trace = topTrace(args);
    if (trace instanceof JvpTrace) {
      const tracers = args.map((a) => raise(trace, a) as JvpTracer);
      const primals = tracers.map((t) => t.primal);
      if (tracers.every((t) => t.tangent === null)) return custom(...primals);
      const tangents = tracers.map((t) => t.tangent ?? zerosLike(t.primal));
      const [out, tangent] = rule(primals, tangents);
      return new JvpTracer(trace, out, tangent).fullLower();
    }
    if (trace instanceof VjpTrace) {
      const tracers = args.map((a) => raise(trace, a) as VjpTracer);
      const primals = tracers.map((t) => t.primal);
      const inputs = tracers.map((t) => t.node);
      const out = custom(...primals);
      if (inputs.every((n) => n < 0)) return out;
      const node = trace.tape.record({
        inputs,
        backward: (ct) => {
          // The rule is linear in the tangents, so its reverse-mode derivative there is its transpose.
          const [, pullback] = vjp(
            (...tangents: Tensor[]) => rule(primals, tangents)[1],
            ...primals.map((p) => zerosLike(p)),
          );
          return pullback(ct);
        },
      });
      return new VjpTracer(trace, out, node);
    }
    return f(...args);
  };
  return custom;
}

/** The forward half of a {@link customVjp} rule: the output and what the backward half needs. */
export type VjpForward<R> = (...primals: Tensor[]) => readonly [Tensor, R];
/** The backward half of a {@link customVjp} rule: residuals and output cotangent in, one cotangent per argument out. */
export type VjpBackward<R> = (residuals: R, cotangent: Tensor) => readonly Tensor[];

/**
 * `f` with a user-supplied reverse-mode rule, as JAX's `custom_vjp`: `forward` computes the
 * output and residuals, `backward` maps residuals and the output cotangent to one cotangent
 * per argument (for example a straight-through estimator, or gradient clipping in the
 * backward pass). Forward mode through such a function is an error, as in JAX; outer levels
 * of nested reverse mode differentiate through `forward` and `backward`.
 *
 * @example
 * ```ts
 * // round in the forward pass, identity in the backward pass (straight-through)
 * const roundSte = customVjp(round, (x) => [round(x), null], (_r, g) => [g]);
 * ```
 */
export function customVjp<R>(
  f: (...args: Tensor[]) => Tensor,
  forward: VjpForward<R>,
  backward: VjpBackward<R>,
): (...args: Tensor[]) => Tensor {
  const custom = (...args: Tensor[]): Tensor => {
    const trace = topTrace(args);
    if (trace instanceof JvpTrace) {
      throw new DifferentiationError(
        'customVjp: forward mode (jvp, jacfwd, hessian) cannot differentiate a function with only a custom VJP rule; use customJvp',
      );
    }
    if (trace instanceof VjpTrace) {
      const tracers = args.map((a) => raise(trace, a) as VjpTracer);
      const primals = tracers.map((t) => t.primal);
      const inputs = tracers.map((t) => t.node);
      if (inputs.every((n) => n < 0)) return custom(...primals);
      const [out, residuals] = forward(...primals);
      const node = trace.tape.record({
        inputs,
        backward: (ct) => {
          const cts = backward(residuals, ct);
          if (cts.length !== primals.length) {
            throw new DifferentiationError(
              `customVjp: backward returned ${cts.length} cotangents for ${primals.length} arguments`,
            );
          }
          return cts;
        },
      });
      return new VjpTracer(trace, out, node);
    }
    return f(...args);
  };
  return custom;
}
