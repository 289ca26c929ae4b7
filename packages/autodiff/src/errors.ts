/**
 * Thrown when a differentiation API is used on values it cannot differentiate: an integer or
 * bool argument, a non-scalar output for `grad`, or tangents that do not match their primals.
 *
 * @example
 * ```ts
 * grad((x) => sum(x))(tensor([1], { dtype: 'int32' })); // throws DifferentiationError
 * ```
 */
export class DifferentiationError extends Error {
  override readonly name = 'DifferentiationError';
}

/**
 * Thrown by {@link checkGrads} when a derivative disagrees with finite differences. The
 * message names the argument, the element, the expected and the actual values.
 *
 * @example
 * ```ts
 * try { checkGrads(f, [x]); } catch (e) { if (e instanceof GradientCheckError) console.log(e.message); }
 * ```
 */
export class GradientCheckError extends Error {
  override readonly name = 'GradientCheckError';
}
