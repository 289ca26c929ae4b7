import { flowShape } from '../shapes.js';
import type { AnyLayer, Flow, FlowShape, Layer, Shape } from '../types.js';
import { at } from './keys.js';

/**
 * A layer whose structure depends on its input shape, as stax's `shape_dependent`: `make` is
 * called with the per-example input shape, at `init` and again at `apply` (with the shape of
 * `x` without its batch axis), so it must be a pure function of the shape. Use it for a layer
 * that needs to know its input before it exists: a projection to the input's width, a
 * convolution with as many filters as input maps.
 *
 * @example
 * ```ts
 * // a residual block that projects back to whatever width it receives
 * const block = shapeDependent((shape) => residual(serial(dense(64), Relu, dense(shape[0]!))));
 * ```
 */
export function shapeDependent<P>(make: (inShape: Shape) => Layer<P>): Layer<P>;
/**
 * {@link shapeDependent} for layers of other inputs or outputs (lists of tensors).
 *
 * @example
 * ```ts
 * // one dense branch per input, however many there are
 * const branches = shapeDependent((shapes: readonly Shape[]) => parallel(...shapes.map(() => dense(8))));
 * ```
 */
export function shapeDependent<P, In extends Flow, Out extends Flow>(
  make: (inShape: FlowShape<In>) => Layer<P, In, Out>,
): Layer<P, In, Out>;
export function shapeDependent(make: (inShape: never) => AnyLayer): AnyLayer {
  const build = make as (inShape: FlowShape<Flow>) => AnyLayer;
  return {
    init(key, inShape) {
      return at('shapeDependent', () => build(inShape).init(key, inShape));
    },
    apply(params, x, ctx) {
      return build(flowShape(x)).apply(params, x, ctx);
    },
  };
}
