/**
 * Thrown when trees that must share one structure do not, or when {@link unflatten} gets the
 * wrong number of leaves. The message prints both sides in full and, for structures, the first
 * path at which they differ.
 *
 * @example
 * ```ts
 * import { mapN, TreeMismatchError } from '@tessera/tree';
 *
 * try {
 *   mapN([{ a: 1, b: [2, 3] }, { a: 1, b: [2] }], (x, y) => x + y);
 * } catch (error) {
 *   if (error instanceof TreeMismatchError) {
 *     error.expected; // '{a: *, b: [*, *]}'
 *     error.actual; // '{a: *, b: [*]}'
 *     // error.message:
 *     // mapN (trees[0] vs trees[1]): tree structures differ, first at b (expected [*, *], got [*]):
 *     //   expected {a: *, b: [*, *]}
 *     //   actual   {a: *, b: [*]}
 *   }
 * }
 * ```
 */
export class TreeMismatchError extends Error {
  override readonly name = 'TreeMismatchError';

  constructor(
    message: string,
    /** What was expected: a structure's description (`{a: *}`) or a leaf count (`3 leaves`). */
    readonly expected: string,
    /** What was found, in the same form as {@link TreeMismatchError.expected}. */
    readonly actual: string,
  ) {
    super(message);
  }
}
