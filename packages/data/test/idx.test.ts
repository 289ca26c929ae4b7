import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeIdx,
  encodeIdx,
  IDX_TYPES,
  type IdxArray,
  IdxFormatError,
  IdxMagicError,
  IdxSizeError,
  IdxTruncatedError,
  type IdxType,
  idxToTensor,
  idxTypeCode,
  readIdxFile,
  tensorToIdx,
  writeIdxFile,
} from '../src/index.js';

/** Values that each type holds exactly (floats include NaN, infinities and -0). */
function valueArb(type: IdxType): fc.Arbitrary<number> {
  switch (type) {
    case 'uint8':
      return fc.integer({ min: 0, max: 255 });
    case 'int8':
      return fc.integer({ min: -128, max: 127 });
    case 'int16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'int32':
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case 'float32':
      return fc.float();
    case 'float64':
      return fc.double();
  }
}

const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 });

const idxArb: fc.Arbitrary<IdxArray> = fc
  .tuple(fc.constantFrom(...IDX_TYPES), shapeArb)
  .chain(([type, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return fc.array(valueArb(type), { minLength: size, maxLength: size }).map((values) => {
      const data = {
        uint8: Uint8Array,
        int8: Int8Array,
        int16: Int16Array,
        int32: Int32Array,
        float32: Float32Array,
        float64: Float64Array,
      }[type].from(values);
      return { type, shape, data } as IdxArray;
    });
  });

/** Bitwise equality, so NaN equals NaN and -0 differs from 0. */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('IDX round trips', () => {
  it('decode(encode(x)) is x for every element type and shape, plain and gzip', () => {
    fc.assert(
      fc.property(idxArb, fc.boolean(), (array, gzip) => {
        const back = decodeIdx(encodeIdx(array, { gzip }));
        expect(back.type).toBe(array.type);
        expect(back.shape).toEqual(array.shape);
        expect(back.data.constructor).toBe(array.data.constructor);
        expect(sameBytes(back.data, array.data)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writes big-endian values after a big-endian header, as the format says', () => {
    const bytes = encodeIdx({ type: 'int16', shape: [2, 1], data: Int16Array.of(258, -2) });
    expect([...bytes]).toEqual([0, 0, 0x0b, 2, 0, 0, 0, 2, 0, 0, 0, 1, 1, 2, 0xff, 0xfe]);
    expect(IDX_TYPES.map(idxTypeCode)).toEqual([0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e]);
  });

  it('decodes without aliasing the input, at any byte offset', () => {
    const bytes = encodeIdx({ type: 'float64', shape: [3], data: Float64Array.of(1.5, -2, 3) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const array = decodeIdx(shifted.subarray(3));
    shifted.fill(0);
    expect([...array.data]).toEqual([1.5, -2, 3]);
  });

  it('reads and writes files, gzip chosen by the name and detected by content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-idx-'));
    const array: IdxArray = { type: 'float32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) };
    writeIdxFile(join(dir, 'a.idx'), array);
    writeIdxFile(join(dir, 'a.idx.gz'), array);
    writeIdxFile(join(dir, 'b.idx'), array, { gzip: true });
    expect(readFileSync(join(dir, 'a.idx'))[0]).toBe(0);
    expect(readFileSync(join(dir, 'a.idx.gz'))[0]).toBe(0x1f);
    for (const name of ['a.idx', 'a.idx.gz', 'b.idx']) {
      const back = readIdxFile(join(dir, name), 'float32');
      expect(back.shape).toEqual([2, 2]);
      expect([...back.data]).toEqual([1, 2, 3, 4]);
    }
  });

  it('converts to and from tensors', () => {
    const labels = idxToTensor({ type: 'uint8', shape: [3], data: Uint8Array.of(5, 0, 255) });
    expect(labels.dtype).toBe('int32');
    expect(labels.toArray()).toEqual([5, 0, 255]);
    const x = tensor([[1.5, -2]], { dtype: 'float64' });
    const back = idxToTensor(decodeIdx(encodeIdx(tensorToIdx(x))));
    expect(back.dtype).toBe('float64');
    expect(back.toArray()).toEqual([[1.5, -2]]);
    expect(idxToTensor(tensorToIdx(x), { dtype: 'float32' }).dtype).toBe('float32');
    expect(tensorToIdx(tensor([1, 200], { dtype: 'int32' }), 'uint8').data).toEqual(
      Uint8Array.of(1, 200),
    );
    expect(() => tensorToIdx(tensor([1, 256], { dtype: 'int32' }), 'uint8')).toThrow(
      /256 at flat index 1/,
    );
    expect(() => tensorToIdx(tensor([0.5]), 'int8')).toThrow(RangeError);
  });

  it('rejects arrays that IDX cannot hold', () => {
    expect(() => encodeIdx({ type: 'uint8', shape: [3], data: new Uint8Array(2) })).toThrow(
      /holds 3 values/,
    );
    expect(() =>
      encodeIdx({ type: 'int16', shape: [1], data: new Int32Array(1) } as unknown as IdxArray),
    ).toThrow(TypeError);
    expect(() => encodeIdx({ type: 'uint8', shape: [-1], data: new Uint8Array(0) })).toThrow(
      RangeError,
    );
  });
});

describe('malformed IDX', () => {
  const good = encodeIdx({ type: 'uint8', shape: [2, 3], data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
  const decode = (bytes: Uint8Array) => () => decodeIdx(bytes, { file: 'digits.idx' });

  it('a wrong magic number is an IdxMagicError naming the file', () => {
    const bytes = Uint8Array.from(good);
    bytes[0] = 7;
    expect(decode(bytes)).toThrow(IdxMagicError);
    expect(decode(bytes)).toThrow(/^digits\.idx: magic number 0x07000802 is not IDX/);
    const badType = Uint8Array.from(good);
    badType[2] = 0x0a;
    expect(decode(badType)).toThrow(IdxMagicError);
    expect(decode(new TextEncoder().encode('hello world'))).toThrow(IdxMagicError);
  });

  it('an unexpected element type is an IdxMagicError', () => {
    expect(() => decodeIdx(good, { file: 'x', type: 'float32' })).toThrow(
      /x: holds uint8 values, expected float32/,
    );
  });

  it('truncation anywhere is an IdxTruncatedError saying how much is missing', () => {
    expect(decode(good.subarray(0, 3))).toThrow(IdxTruncatedError);
    expect(decode(good.subarray(0, 3))).toThrow(/digits\.idx: 3 bytes, fewer than the 4 bytes/);
    expect(decode(good.subarray(0, 9))).toThrow(/header of 2 dimensions needs 12 bytes, found 9/);
    expect(decode(good.subarray(0, 16))).toThrow(
      /announces \[2, 3\] uint8 = 6 data bytes, found 4/,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), (n) => {
        expect(decode(good.subarray(0, n))).toThrow(IdxTruncatedError);
      }),
    );
  });

  it('bytes after the data are an IdxSizeError', () => {
    const long = Uint8Array.of(...good, 9, 9);
    expect(decode(long)).toThrow(IdxSizeError);
    expect(decode(long)).toThrow(/found 8 \(2 bytes after the data\)/);
  });

  it('a damaged or truncated gzip stream is an IdxFormatError', () => {
    const gz = new Uint8Array(gzipSync(good));
    expect(decode(gz.subarray(0, gz.length - 12))).toThrow(IdxTruncatedError);
    const damaged = Uint8Array.from(gz);
    damaged[12] = damaged[12]! ^ 0xff;
    damaged[13] = damaged[13]! ^ 0xff;
    expect(decode(damaged)).toThrow(IdxFormatError);
    expect(decode(damaged)).toThrow(/^digits\.idx: the gzip stream is damaged/);
  });

  it('errors from files name the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-idx-'));
    const path = join(dir, 'broken-idx1-ubyte');
    writeFileSync(path, good.subarray(0, 14));
    expect(() => readIdxFile(path)).toThrow(new RegExp(`^${path}: the header announces`));
  });
});
