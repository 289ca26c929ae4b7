import { type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../src/checkpoint/index.js';
import { sameTensor, tensorArb } from './checkpoint-arbitraries.js';

/** A safetensors file from a header object and a byte buffer, built by hand from the spec. */
function file(header: unknown, data: Uint8Array = new Uint8Array(0), pad = 0): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function headerOf(bytes: Uint8Array): Record<string, unknown> {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
}

function decodeError(bytes: Uint8Array): string {
  try {
    decodeSafetensors(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    expect((error as Error).name).toBe('SafetensorsError');
    return (error as Error).message;
  }
  throw new Error('expected decodeSafetensors to throw');
}

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips random tensors of every dtype and metadata', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), tensorArb, { maxKeys: 5 }),
        fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 8 })),
        (tensors, metadata) => {
          fc.pre(!('__metadata__' in tensors));
          const decoded = decodeSafetensors(encodeSafetensors(tensors, metadata));
          expect(Object.keys(decoded.tensors).sort()).toEqual(Object.keys(tensors).sort());
          for (const [name, t] of Object.entries(tensors)) {
            expect(sameTensor(decoded.tensors[name]!, t)).toBe(true);
          }
          expect(decoded.metadata).toEqual(metadata);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the layout of the spec: u64 length, space-padded header, aligned data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), tensorArb, { maxKeys: 5 }), (ts) => {
        fc.pre(!('__metadata__' in ts));
        const bytes = encodeSafetensors(ts);
        const view = new DataView(bytes.buffer, bytes.byteOffset);
        const n = view.getUint32(0, true);
        expect(view.getUint32(4, true)).toBe(0);
        expect(n % 8).toBe(0);
        const header = headerOf(bytes) as Record<
          string,
          { dtype: string; data_offsets: [number, number] }
        >;
        for (const { dtype, data_offsets } of Object.values(header)) {
          const width = { F64: 8, F32: 4, I32: 4, BOOL: 1 }[dtype]!;
          expect(data_offsets[0] % width).toBe(0);
        }
      }),
    );
  });

  it('is deterministic and independent of key order', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([[1.5]], { dtype: 'float64' });
    expect(encodeSafetensors({ a, b })).toEqual(encodeSafetensors({ b, a }));
  });

  it('reads a file written by hand from the spec (unpadded header, ints and metadata)', () => {
    const data = new Uint8Array(new Int32Array([1, -2, 3, 4]).buffer);
    const bytes = file(
      {
        test: { dtype: 'I32', shape: [2, 2], data_offsets: [0, 16] },
        __metadata__: { foo: 'bar' },
      },
      data,
    );
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(tensors.test!.dtype).toBe('int32');
    expect(tensors.test!.toArray()).toEqual([
      [1, -2],
      [3, 4],
    ]);
    expect(metadata).toEqual({ foo: 'bar' });
  });

  it('widens U8, I8, I16, U16 to int32 and F16, BF16 to float32', () => {
    const data = Uint8Array.of(
      255, // U8 255
      0x80, // I8 -128
      0x00,
      0x3c, // F16 1.0
      0x00,
      0xc0, // F16 -2.0
      0xc0,
      0x3f, // BF16 1.5
      0xff,
      0xff, // I16 -1
      0xff,
      0xff, // U16 65535
    );
    const { tensors } = decodeSafetensors(
      file(
        {
          u8: { dtype: 'U8', shape: [1], data_offsets: [0, 1] },
          i8: { dtype: 'I8', shape: [], data_offsets: [1, 2] },
          f16: { dtype: 'F16', shape: [2], data_offsets: [2, 6] },
          bf16: { dtype: 'BF16', shape: [1], data_offsets: [6, 8] },
          i16: { dtype: 'I16', shape: [1], data_offsets: [8, 10] },
          u16: { dtype: 'U16', shape: [1], data_offsets: [10, 12] },
        },
        data,
      ),
    );
    const values = (t: Tensor | undefined) => [t!.dtype, Array.from(t!.data())];
    expect(values(tensors.u8)).toEqual(['int32', [255]]);
    expect(values(tensors.i8)).toEqual(['int32', [-128]]);
    expect(values(tensors.f16)).toEqual(['float32', [1, -2]]);
    expect(values(tensors.bf16)).toEqual(['float32', [1.5]]);
    expect(values(tensors.i16)).toEqual(['int32', [-1]]);
    expect(values(tensors.u16)).toEqual(['int32', [65535]]);
  });

  it('keeps a tensor named __proto__ as an ordinary entry', () => {
    const decoded = decodeSafetensors(encodeSafetensors({ ['__proto__']: tensor([7]) }));
    expect(Object.hasOwn(decoded.tensors, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(decoded.tensors)).toBe(Object.prototype);
  });

  it('refuses the reserved name __metadata__', () => {
    expect(() => encodeSafetensors({ __metadata__: tensor([1]) })).toThrow(SafetensorsError);
  });
});

describe('decodeSafetensors on malformed input', () => {
  const good = encodeSafetensors({ w: tensor([1, 2, 3, 4]), b: tensor([5]) });

  it('names a file too short for the header length', () => {
    expect(decodeError(new Uint8Array(3))).toMatch(/3 bytes, shorter than the 8-byte header/);
  });

  it('names a header length beyond the end of the file', () => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setUint32(0, 1_000_000, true);
    expect(decodeError(bytes)).toMatch(/header length is 1000000 bytes, but only/);
    new DataView(bytes.buffer).setUint32(4, 1, true);
    expect(decodeError(bytes)).toMatch(/header length is 4295967296 bytes/);
  });

  it('names a truncated file', () => {
    expect(decodeError(good.subarray(0, good.length - 2))).toMatch(/out of range/);
    expect(decodeError(good.subarray(0, 20))).toMatch(/header length/);
  });

  it('names a header that is not a JSON object', () => {
    expect(decodeError(file([1, 2]))).toMatch(/must be a JSON object/);
    const bytes = file({ a: 1 });
    bytes[8] = 0x78; // 'x'
    expect(decodeError(bytes)).toMatch(/not valid JSON/);
    const invalidUtf8 = file({ ab: 1 });
    invalidUtf8[10] = 0xff;
    expect(decodeError(invalidUtf8)).toMatch(/not valid UTF-8/);
  });

  it('names an unknown dtype and lists the known ones', () => {
    const message = decodeError(
      file({ x: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)),
    );
    expect(message).toContain('tensor "x" has unknown dtype "C64"');
    expect(message).toContain('F64, F32, I32, BOOL');
  });

  it('names a shape whose size disagrees with its byte range', () => {
    const message = decodeError(
      file({ x: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 16] } }, new Uint8Array(16)),
    );
    expect(message).toContain('tensor "x": shape [2,3] of F32 needs 24 bytes');
    expect(message).toContain('hold 16');
  });

  it('names overlapping, gapped, inverted and out-of-range offsets', () => {
    const f32 = (begin: number, end: number) => ({
      dtype: 'F32',
      shape: [(end - begin) / 4],
      data_offsets: [begin, end],
    });
    const data = new Uint8Array(16);
    expect(decodeError(file({ a: f32(0, 8), b: f32(4, 12) }, data))).toMatch(
      /tensor "b" at \[4, 12\] overlaps tensor "a"/,
    );
    expect(decodeError(file({ a: f32(0, 4), b: f32(8, 16) }, data))).toMatch(
      /leaves a gap: bytes \[4, 8\)/,
    );
    expect(decodeError(file({ a: f32(0, 8), b: f32(8, 24) }, data))).toMatch(
      /tensor "b" at \[8, 24\] is out of range: the byte buffer is 16 bytes/,
    );
    expect(decodeError(file({ a: f32(0, 8) }, data))).toMatch(/cover only 8/);
    expect(
      decodeError(file({ a: { dtype: 'F32', shape: [0], data_offsets: [8, 4] } }, data)),
    ).toMatch(/end before they begin/);
    expect(
      decodeError(file({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, data)),
    ).toMatch(/shape must be an array of non-negative integers/);
    expect(decodeError(file({ a: { dtype: 'F32', shape: [1] } }, data))).toMatch(
      /data_offsets must be \[begin, end\]/,
    );
  });

  it('names metadata that is not strings', () => {
    expect(decodeError(file({ __metadata__: { epoch: 3 } }))).toMatch(
      /__metadata__.epoch must be a string/,
    );
  });

  it('never throws anything but SafetensorsError on random corruption', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        (edits, cut) => {
          const bytes = good.slice(0, cut === undefined ? undefined : cut % (good.length + 1));
          for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
          try {
            decodeSafetensors(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(SafetensorsError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
