import type { Tensor } from '@tessera/tensor';
import { WRITTEN, writtenBytes } from './dtypes.js';
import { SafetensorsError, showShape } from './errors.js';

/** Typed arrays can be copied byte for byte only on a little-endian machine (all common ones). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Encodes named tensors, and optional string metadata, in the safetensors format
 * (https://github.com/huggingface/safetensors): an 8-byte little-endian header length `N`, `N`
 * bytes of JSON header padded with spaces to a multiple of 8, then the tensors' bytes,
 * little-endian, row-major and back to back.
 *
 * Tensors are laid out widest dtype first, then by name, as the reference implementation
 * does, so every tensor starts at a multiple of its element width and a reader may view the
 * bytes in place. float32, float64, int32 and bool are written as `F32`, `F64`, `I32` and
 * `BOOL`. The result depends only on the arguments: the same tensors give the same bytes.
 *
 * @param tensors - the tensors by name; the name `__metadata__` is reserved.
 * @param metadata - free-form string pairs stored in the header's `__metadata__`.
 * @throws SafetensorsError for the reserved name or a tensor without concrete data.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from '@tessera/models';
 * import { tensor } from '@tessera/tensor';
 *
 * const bytes = encodeSafetensors({ w: tensor([[1, 2], [3, 4]]) }, { epoch: '3' });
 * writeFileSync('weights.safetensors', bytes); // loads in Python with safetensors.numpy
 * decodeSafetensors(bytes).metadata; // { epoch: '3' }
 * ```
 */
export function encodeSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const names = Object.keys(tensors).sort(
    (a, b) =>
      writtenBytes(tensors[b]!.dtype) - writtenBytes(tensors[a]!.dtype) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = checkMetadata(metadata);
  const payloads: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    if (name === '__metadata__') {
      throw new SafetensorsError('safetensors: the tensor name __metadata__ is reserved');
    }
    const t = tensors[name]!;
    const payload = tensorBytes(name, t);
    Object.defineProperty(header, name, {
      value: {
        dtype: WRITTEN[t.dtype],
        shape: [...t.shape],
        data_offsets: [offset, offset + payload.length],
      },
      enumerable: true,
    });
    payloads.push(payload);
    offset += payload.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Pad with spaces (valid JSON whitespace) so the byte buffer starts 8-aligned.
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const payload of payloads) {
    out.set(payload, at);
    at += payload.length;
  }
  return out;
}

function checkMetadata(
  metadata: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new SafetensorsError(
        `safetensors: metadata values must be strings, got ${typeof value} for ${JSON.stringify(key)}`,
      );
    }
  }
  return metadata;
}

/** The tensor's elements as little-endian bytes, in a fresh array. */
function tensorBytes(name: string, t: Tensor): Uint8Array {
  let data: ReturnType<Tensor['data']>;
  try {
    data = t.data();
  } catch (cause) {
    throw new SafetensorsError(
      `safetensors: tensor ${JSON.stringify(name)} (${t.dtype} ${showShape(t.shape)}) has no concrete data`,
      { cause },
    );
  }
  if (LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  }
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (data instanceof Float64Array) view.setFloat64(i * width, value, true);
    else if (data instanceof Float32Array) view.setFloat32(i * width, value, true);
    else view.setInt32(i * width, value, true);
  }
  return out;
}
