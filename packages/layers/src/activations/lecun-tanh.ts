import { mul, type Tensor, tanh } from '@tessera/tensor';
import { elementwise } from '../layers/elementwise.js';
import type { Layer } from '../types.js';

/** The amplitude `A` of LeNet-5's squashing function (LeCun et al. 1998, Appendix A). */
const A = 1.7159;
/** The slope `S` at the origin, before scaling (LeCun et al. 1998, Appendix A). */
const S = 2 / 3;

/**
 * LeNet-5's squashing function `f(a) = A tanh(S a)` with `A = 1.7159` and `S = 2/3`
 * (LeCun et al. 1998, Section II-B, equation 6, and Appendix A): chosen so that `f(1) = 1` and
 * `f(-1) = -1`, where its second derivative is largest, and so that its gain is close to 1 in
 * the normal operating range. Also in "Efficient BackProp" (LeCun et al. 1998, Section 4.4).
 *
 * @example
 * ```ts
 * lecunTanh(tensor([1, -1])); // [1.0000, -1.0000] (to 4 digits)
 * ```
 */
export function lecunTanh(x: Tensor): Tensor {
  return mul(tanh(mul(x, S)), A);
}

/**
 * {@link lecunTanh} as a layer (no parameters): the activation after every layer of LeNet-5
 * up to F6.
 *
 * @example
 * ```ts
 * serial(conv2d(6, 5), LecunTanh, subsample2d(2), LecunTanh);
 * ```
 */
export const LecunTanh: Layer<null> = elementwise(lecunTanh);
