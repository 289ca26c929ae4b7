/**
 * Pixel scales. MNIST stores each pixel as a byte, 0 for the background and up to 255 for
 * the ink.
 */

/**
 * How {@link mnist} maps MNIST's bytes to floats:
 * - `'unit'`: to [0, 1] (byte / 255), the common modern choice;
 * - `'paper'`: background -0.1, ink 1.175, as LeCun et al. 1998 (Section II-B) normalise
 *   LeNet-5's input: "This makes the mean input roughly 0, and the variance roughly 1";
 * - `'raw'`: the bytes themselves, 0 to 255.
 *
 * @example
 * ```ts
 * const scale: MnistScale = 'paper';
 * ```
 */
export type MnistScale = 'unit' | 'paper' | 'raw';

/** The paper's background level (LeCun et al. 1998, Section II-B). */
export const PAPER_BACKGROUND = -0.1;
/** The paper's foreground (ink) level (LeCun et al. 1998, Section II-B). */
export const PAPER_FOREGROUND = 1.175;

/**
 * The float for each of the 256 byte values: one table lookup per pixel instead of
 * arithmetic, and each entry the correctly rounded float32 of its exact value.
 */
export function scaleTable(scale: MnistScale): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    table[v] =
      scale === 'raw'
        ? v
        : scale === 'unit'
          ? v / 255
          : PAPER_BACKGROUND + ((PAPER_FOREGROUND - PAPER_BACKGROUND) * v) / 255;
  }
  return table;
}

/** Checks a scale given at run time, where TypeScript's check may not have reached. */
export function checkScale(scale: string): asserts scale is MnistScale {
  if (scale !== 'unit' && scale !== 'paper' && scale !== 'raw') {
    throw new RangeError(`mnist: scale must be 'unit', 'paper' or 'raw', got '${scale}'`);
  }
}
