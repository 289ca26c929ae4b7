import { type Tensor, tensor } from '@tessera/tensor';
import { isSafetensorsDType, READERS } from './dtypes.js';
import { SafetensorsError, showShape } from './errors.js';

/**
 * What {@link decodeSafetensors} returns: the tensors by name and the header's string
 * metadata (empty when the file has none).
 *
 * @example
 * ```ts
 * import { decodeSafetensors, type Safetensors } from '@tessera/models';
 *
 * const { tensors, metadata }: Safetensors = decodeSafetensors(readFileSync('w.safetensors'));
 * ```
 */
export interface Safetensors {
  /** The tensors by name, each a fresh tensor that owns its data. */
  readonly tensors: Readonly<Record<string, Tensor>>;
  /** The header's `__metadata__` string pairs. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** One header entry, checked: where its bytes are and what they hold. */
interface Entry {
  readonly name: string;
  readonly dtype: keyof typeof READERS;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * Decodes a safetensors file (see {@link encodeSafetensors}), checking it as the reference
 * implementation does: the header length must fit the file, the header must be a JSON object,
 * every entry must name a known dtype, a shape of non-negative integers and a byte range whose
 * length is the shape's size times the element width, and the ranges must tile the byte
 * buffer exactly, without overlaps, gaps or trailing bytes.
 *
 * `F64`, `F32`, `I32` and `BOOL` become float64, float32, int32 and bool tensors; `F16` and
 * `BF16` are widened to float32 and `I8`, `U8`, `I16` and `U16` to int32, all without loss.
 *
 * @param bytes - the whole file.
 * @throws SafetensorsError naming the fault, and the tensor where there is one.
 *
 * @example
 * ```ts
 * import { decodeSafetensors } from '@tessera/models';
 *
 * const { tensors, metadata } = decodeSafetensors(readFileSync('model.safetensors'));
 * tensors['c1.w']?.shape; // [6, 1, 5, 5]
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array): Safetensors {
  const { header, dataStart } = readHeader(bytes);
  const buffer = bytes.subarray(dataStart);
  const metadata = readMetadata(header.__metadata__);
  const entries = Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, value]) => readEntry(name, value));
  checkTiling(entries, buffer.length);
  const tensors = Object.fromEntries(entries.map((e) => [e.name, readTensor(buffer, e)]));
  return { tensors, metadata };
}

function fail(message: string): never {
  throw new SafetensorsError(`safetensors: ${message}`);
}

function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (!(bytes instanceof Uint8Array)) fail('expected the file as a Uint8Array');
  if (bytes.length < 8) {
    fail(`the file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const length = high * 2 ** 32 + low;
  if (length > bytes.length - 8) {
    fail(
      `the header length is ${length} bytes, but only ${bytes.length - 8} bytes follow it ` +
        '(a truncated file, or not a safetensors file)',
    );
  }
  if (length < 2) fail(`the header length is ${length}; a header holds at least '{}'`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
  } catch {
    fail('the header is not valid UTF-8');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`the header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    fail(`the header must be a JSON object, got ${text.trim().slice(0, 40)}`);
  }
  return { header: header as Record<string, unknown>, dataStart: 8 + length };
}

function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail('__metadata__ must be an object of strings');
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      fail(`__metadata__.${key} must be a string, got ${JSON.stringify(item)}`);
    }
  }
  return value as Record<string, string>;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function readEntry(name: string, value: unknown): Entry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${where}: expected an object with dtype, shape and data_offsets`);
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string' || !isSafetensorsDType(dtype)) {
    fail(
      `${where} has unknown dtype ${JSON.stringify(dtype)}; ` +
        `supported: ${Object.keys(READERS).join(', ')}`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    fail(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    fail(`${where}: data_offsets must be [begin, end], got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) fail(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  const size = shape.reduce((n: number, d: number) => n * d, 1);
  const expected = size * READERS[dtype].bytes;
  if (!Number.isSafeInteger(expected) || expected !== end - begin) {
    fail(
      `${where}: shape ${showShape(shape)} of ${dtype} needs ${expected} bytes, ` +
        `but data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/** The byte ranges, sorted, must cover [0, length) exactly once. */
function checkTiling(entries: readonly Entry[], length: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let previous: Entry | undefined;
  for (const e of sorted) {
    const range = `tensor ${JSON.stringify(e.name)} at [${e.begin}, ${e.end}]`;
    if (e.end > length) {
      fail(`${range} is out of range: the byte buffer is ${length} bytes`);
    }
    if (e.begin < at) {
      fail(`${range} overlaps tensor ${JSON.stringify(previous!.name)} (ends at ${at})`);
    }
    if (e.begin > at) fail(`${range} leaves a gap: bytes [${at}, ${e.begin}) belong to no tensor`);
    at = e.end;
    previous = e;
  }
  if (at !== length) {
    fail(`the byte buffer is ${length} bytes, but the tensors cover only ${at}`);
  }
}

/** Typed arrays can view the bytes directly only on a little-endian machine (all common ones). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The dtypes whose bytes are a Tessera typed array as they are. */
const NATIVE = {
  F64: Float64Array,
  F32: Float32Array,
  I32: Int32Array,
} as const;

function readTensor(buffer: Uint8Array, e: Entry): Tensor {
  const reader = READERS[e.dtype];
  const shape = [...e.shape];
  if (LITTLE_ENDIAN && Object.hasOwn(NATIVE, e.dtype)) {
    // slice() copies into a fresh, aligned buffer, whatever the tensor's offset in the file.
    const bytes = buffer.slice(e.begin, e.end).buffer;
    const values = new NATIVE[e.dtype as keyof typeof NATIVE](bytes);
    return tensor(values, { dtype: reader.dtype, shape });
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const count = (e.end - e.begin) / reader.bytes;
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = reader.read(view, e.begin + i * reader.bytes);
  return tensor(values, { dtype: reader.dtype, shape });
}
