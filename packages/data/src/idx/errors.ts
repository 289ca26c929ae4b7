/**
 * Named errors for malformed IDX data. Each message starts with the file (or the label the
 * caller gave the bytes) and says what is wrong, in the terms of the header.
 */

/**
 * Thrown when bytes are not a well-formed IDX file; the subclasses say how. `file` names
 * the file, or the label given to {@link decodeIdx}.
 *
 * @example
 * ```ts
 * try {
 *   decodeIdx(Uint8Array.of(1, 2, 3, 4), { file: 'x.idx' });
 * } catch (e) {
 *   e instanceof IdxFormatError; // true (an IdxMagicError)
 * }
 * ```
 */
export class IdxFormatError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'IdxFormatError';
  /** The file (or label) whose content is malformed. */
  readonly file: string;

  /**
   * @param file - the file or label, which starts the message
   * @param problem - what is wrong
   * @param options - the underlying error, if any, as `cause`
   */
  constructor(file: string, problem: string, options?: ErrorOptions) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

/**
 * Thrown when the first four bytes are not an IDX magic number: two zero bytes, a known
 * type code (0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E) and the number of dimensions.
 *
 * @example
 * ```ts
 * decodeIdx(new TextEncoder().encode('not idx')); // throws IdxMagicError
 * ```
 */
export class IdxMagicError extends IdxFormatError {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'IdxMagicError';
}

/**
 * Thrown when the data ends before the header or the values it announces do (including a
 * gzip stream that ends early).
 *
 * @example
 * ```ts
 * const bytes = encodeIdx({ type: 'uint8', shape: [4], data: new Uint8Array(4) });
 * decodeIdx(bytes.subarray(0, 10)); // throws IdxTruncatedError: 2 of 4 data bytes
 * ```
 */
export class IdxTruncatedError extends IdxFormatError {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'IdxTruncatedError';
}

/**
 * Thrown when bytes are left over after the values the header announces: the file is
 * longer than its dimensions say, so header and data disagree.
 *
 * @example
 * ```ts
 * const bytes = encodeIdx({ type: 'uint8', shape: [4], data: new Uint8Array(4) });
 * decodeIdx(Uint8Array.of(...bytes, 0)); // throws IdxSizeError: 1 byte after the data
 * ```
 */
export class IdxSizeError extends IdxFormatError {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'IdxSizeError';
}
