/**
 * Thrown when bytes are not a PNG this package can read: no PNG signature, a damaged
 * stream, or an image that does not split into the grid asked for.
 *
 * @example
 * ```ts
 * try {
 *   fromPng(Uint8Array.of(1, 2, 3));
 * } catch (e) {
 *   e instanceof PngFormatError; // true
 * }
 * ```
 */
export class PngFormatError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name = 'PngFormatError';
}
