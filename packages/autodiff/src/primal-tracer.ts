import { type Tensor, Tracer } from '@tessera/tensor';

/**
 * A differentiation tracer: a value of a lower level (its primal) plus what its own level
 * carries. Shape and dtype are the primal's; `stopGradient` strips these layers off.
 *
 * @example
 * ```ts
 * class MyTracer extends PrimalTracer { ... }
 * ```
 */
export abstract class PrimalTracer extends Tracer {
  /** The value with this level's derivative information removed. */
  abstract readonly primal: Tensor;
  get shape() {
    return this.primal.shape;
  }
  get dtype() {
    return this.primal.dtype;
  }
}
