/**
 * Thrown when well-formed IDX files do not make an MNIST-style dataset: images that are not
 * `[n, height, width]`, or labels whose count differs from the images'. `file` names the
 * file at fault.
 *
 * @example
 * ```ts
 * try {
 *   mnist({ split: 'train', dir: 'mismatched-files/' });
 * } catch (e) {
 *   if (e instanceof MnistError) console.error(e.file, e.message);
 * }
 * ```
 */
export class MnistError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name = 'MnistError';
  /** The file at fault. */
  readonly file: string;

  /**
   * @param file - the file at fault, which starts the message
   * @param problem - what is wrong
   */
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
  }
}
