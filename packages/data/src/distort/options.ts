/**
 * Options of the distortions, with their defaults and checks.
 */

/**
 * The planar affine distortions of LeCun et al. 1998 (Section III-B, Fig. 7): "horizontal
 * and vertical translations, scaling, squeezing (simultaneous horizontal compression and
 * vertical elongation, or the reverse), and horizontal shearing", each drawn uniformly per
 * image. The paper gives no ranges; the defaults are ours, chosen so that distorted digits
 * stay legible (see the README's grid).
 *
 * @example
 * ```ts
 * const mild: AffineOptions = { translate: 1, scale: 0.05, squeeze: 0.05, shear: 0.1 };
 * ```
 */
export interface AffineOptions {
  /** The largest shift along each axis, in pixels (default 2). */
  readonly translate?: number;
  /** The largest relative change of size: the factor is in [1 - scale, 1 + scale] (default 0.1). */
  readonly scale?: number;
  /**
   * The largest squeeze: widths scale by `1 + e` and heights by `1 / (1 + e)` with `e` in
   * [-squeeze, squeeze] (default 0.1).
   */
  readonly squeeze?: number;
  /** The largest horizontal shear: `x` moves by `shear * y` (default 0.2). */
  readonly shear?: number;
}

/**
 * The elastic distortions of Simard, Steinkraus and Platt 2003 (Section 2): every pixel
 * moves by a displacement drawn uniformly from [-1, 1] in each direction, the displacement
 * fields are smoothed by a Gaussian of standard deviation `sigma` and scaled by `alpha`. The
 * defaults are the paper's values for MNIST.
 *
 * @example
 * ```ts
 * const strong: ElasticOptions = { alpha: 36, sigma: 4 };
 * ```
 */
export interface ElasticOptions {
  /** The scale of the smoothed displacement field, in pixels (default 34). */
  readonly alpha?: number;
  /** The standard deviation of the smoothing Gaussian, in pixels (default 4). */
  readonly sigma?: number;
}

/**
 * Options of {@link distort}: which distortions to apply (any of them; none is the
 * identity), and the value of pixels that come from outside the image.
 *
 * @example
 * ```ts
 * const both: DistortOptions = { affine: {}, elastic: { alpha: 8 } };
 * ```
 */
export interface DistortOptions {
  /** Apply random affine distortions (`{}` for the defaults). */
  readonly affine?: AffineOptions;
  /** Apply random elastic distortions (`{}` for the defaults). */
  readonly elastic?: ElasticOptions;
  /**
   * The value of pixels sampled from outside the image (default: the smallest value in the
   * batch, which is MNIST's background at any scale).
   */
  readonly background?: number;
}

/** Affine options with defaults filled in and checked. */
export interface AffineRanges {
  readonly translate: number;
  readonly scale: number;
  readonly squeeze: number;
  readonly shear: number;
}

/** Elastic options with defaults filled in and checked. */
export interface ElasticParams {
  readonly alpha: number;
  readonly sigma: number;
}

function checkRange(name: string, value: number, below?: number): number {
  if (!Number.isFinite(value) || value < 0 || (below !== undefined && value >= below)) {
    const bound = below === undefined ? 'a finite number >= 0' : `in [0, ${below})`;
    throw new RangeError(`distort: ${name} must be ${bound}, got ${value}`);
  }
  return value;
}

/** The affine ranges, defaults filled in; scale and squeeze below 1 keep factors positive. */
export function affineRanges(options: AffineOptions): AffineRanges {
  return {
    translate: checkRange('affine.translate', options.translate ?? 2),
    scale: checkRange('affine.scale', options.scale ?? 0.1, 1),
    squeeze: checkRange('affine.squeeze', options.squeeze ?? 0.1, 1),
    shear: checkRange('affine.shear', options.shear ?? 0.2),
  };
}

/** The elastic parameters, defaults filled in. */
export function elasticParams(options: ElasticOptions): ElasticParams {
  const sigma = options.sigma ?? 4;
  if (!Number.isFinite(sigma) || sigma <= 0) {
    throw new RangeError(`distort: elastic.sigma must be a finite number > 0, got ${sigma}`);
  }
  return { alpha: checkRange('elastic.alpha', options.alpha ?? 34), sigma };
}
