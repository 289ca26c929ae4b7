import { type Tensor, tensor } from '@tessera/tensor';

/** Splits the picture of ten digits side by side into ten bitmaps of 12 rows. */
function transpose(rows: readonly string[]): readonly (readonly string[])[] {
  return Array.from({ length: 10 }, (_, d) =>
    Object.freeze(rows.map((row) => row.slice(8 * d, 8 * d + 7))),
  );
}

/**
 * The ten digit bitmaps, 12 rows of 7 columns each (`#` ink, `.` background), drawn for this
 * package after the paper's description: LeNet-5's RBF parameter vectors "were chosen by hand
 * [...] to represent a stylized image of the corresponding character class drawn on a 7x12
 * bitmap" (LeCun et al. 1998, Section II-B and Figure 3, which shows the full ASCII set).
 * Each digit is drawn in rows 1-10 with a blank row above and below, in a plain
 * fixed-width-font style, so that similar digits share many pixels and confusable ones
 * (as 1 and 7, or 3 and 8) land near each other, which is what the paper wanted from
 * stylized images rather than random codes.
 *
 * @example
 * ```ts
 * console.log(DIGIT_BITMAPS[7].join('\n')); // draws a 7
 * ```
 */
export const DIGIT_BITMAPS: readonly (readonly string[])[] = Object.freeze(
  transpose([
    //  0       1       2       3       4       5       6       7       8       9
    '....... ....... ....... ....... ....... ....... ....... ....... ....... .......',
    '..###.. ...#... .####.. .####.. ....#.. ####### ..###.. ####### .#####. .#####.',
    '.#...#. ..##... #....#. #....#. ...##.. #...... .#..... .....#. #.....# #.....#',
    '#.....# .#.#... .....#. .....#. ..#.#.. #...... #...... .....#. #.....# #.....#',
    '#.....# ...#... .....#. .....#. .#..#.. #...... #...... ....#.. #.....# #.....#',
    '#.....# ...#... ....#.. ..###.. #...#.. ######. ######. ....#.. .#####. .######',
    '#.....# ...#... ...#... .....#. ####### ......# #.....# ...#... #.....# ......#',
    '#.....# ...#... ..#.... .....#. ....#.. ......# #.....# ...#... #.....# ......#',
    '#.....# ...#... .#..... .....#. ....#.. ......# #.....# ..#.... #.....# ......#',
    '.#...#. ...#... #...... #....#. ....#.. #.....# #.....# ..#.... #.....# .....#.',
    '..###.. .#####. ####### .####.. ....#.. .#####. .#####. ..#.... .#####. .###...',
    '....... ....... ....... ....... ....... ....... ....... ....... ....... .......',
  ]),
);

/**
 * The ten digits drawn as {@link DIGIT_BITMAPS} but bold: vertical strokes two pixels wide,
 * as in the bitmap fonts of the time, and as a public transcription of the paper's Figure 3
 * draws its digits (AlgorithmicIntelligence/quantization_lenet, `RBF_BITMAP.py`; these are
 * drawn here, not copied). Bold strokes put the prototypes further apart: the closest pair
 * (6 and 8) differs in 10 pixels, the median pair in 29, against 8 and 25 for the thin
 * ones, and a larger distance between the targets of F6 leaves a larger margin for its
 * errors.
 *
 * @example
 * ```ts
 * console.log(BOLD_DIGIT_BITMAPS[4].join('\n')); // draws a bold 4
 * ```
 */
export const BOLD_DIGIT_BITMAPS: readonly (readonly string[])[] = Object.freeze(
  transpose([
    //  0       1       2       3       4       5       6       7       8       9
    '....... ....... ....... ....... ....... ....... ....... ....... ....... .......',
    '..###.. ...##.. .#####. .#####. ....##. ####### ..####. ####### .#####. .#####.',
    '.##.##. ..###.. ##...## ##...## ...###. ##..... .##.... .....## ##...## ##...##',
    '##...## .####.. .....## .....## ..####. ##..... ##..... .....## ##...## ##...##',
    '##...## ...##.. .....## .....## .##.##. ######. ##..... ....##. ##...## ##...##',
    '##...## ...##.. ....##. ..####. ##..##. .....## ######. ....##. .#####. ##...##',
    '##...## ...##.. ...##.. .....## ####### .....## ##...## ...##.. ##...## .######',
    '##...## ...##.. ..##... .....## ....##. .....## ##...## ...##.. ##...## .....##',
    '##...## ...##.. .##.... .....## ....##. .....## ##...## ..##... ##...## .....##',
    '.##.##. ...##.. ##..... ##...## ....##. ##...## ##...## ..##... ##...## ....##.',
    '..###.. .###### ####### .#####. ....##. .#####. .#####. ..##... .#####. .####..',
    '....... ....... ....... ....... ....... ....... ....... ....... ....... .......',
  ]),
);

/** Bitmaps of `#` (ink, +1) and `.` (background, -1) as a float32 `[10, 84]` tensor. */
function coded(bitmaps: readonly (readonly string[])[]): Tensor {
  return tensor(bitmaps.map((rows) => [...rows.join('')].map((c) => (c === '#' ? 1 : -1))));
}

/**
 * The fixed parameter vectors of LeNet-5's Euclidean RBF output layer: a float32 tensor
 * `[10, 84]`, row `d` the 7x12 bitmap of digit `d` coded +1 (ink) and -1 (background),
 * flattened row by row (12 rows of 7 pixels).
 *
 * How they were drawn: the paper does not print the bitmaps, only says they are "stylized
 * image[s] of the corresponding character class drawn on a 7x12 bitmap" and shows the whole
 * ASCII set in Figure 3. These are drawn by hand in that spirit (see the source of
 * `DIGIT_BITMAPS`): plain fixed-width-font digits, 10 rows high with a blank row above and
 * below. The paper chose +1/-1 codes because they sit where F6's scaled tanh
 * `1.7159 tanh(2x/3)` has maximal curvature, inside its range, so F6 is not driven into
 * saturation; the same holds here. Every pair of prototypes differs in at least a few pixels,
 * so no two classes share a code.
 *
 * @example
 * ```ts
 * DIGIT_PROTOTYPES.shape; // [10, 84]
 * rbf().init(key(0), [84])[0]; // [10]
 * ```
 */
export const DIGIT_PROTOTYPES: Tensor = coded(DIGIT_BITMAPS);

/**
 * {@link BOLD_DIGIT_BITMAPS} as RBF parameter vectors, coded as {@link DIGIT_PROTOTYPES}:
 * a float32 tensor `[10, 84]`.
 *
 * @example
 * ```ts
 * const out = rbf(BOLD_DIGIT_PROTOTYPES);
 * ```
 */
export const BOLD_DIGIT_PROTOTYPES: Tensor = coded(BOLD_DIGIT_BITMAPS);
