import { key, uniform } from '@tessera/random';
import { ConcreteTensor, type Tensor, tensor } from '@tessera/tensor';
import fc from 'fast-check';
import { decode, encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { fromPng, fromPngGrid, mnist, PngFormatError, toPng, toPngGrid } from '../src/index.js';

function values(x: Tensor): ArrayLike<number> {
  if (!(x instanceof ConcreteTensor)) throw new TypeError('expected values');
  return x.buffer.data;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const imageArb = fc
  .record({
    c: fc.constantFrom(1, 2, 3, 4),
    h: fc.integer({ min: 1, max: 9 }),
    w: fc.integer({ min: 1, max: 9 }),
    seed: fc.nat(),
  })
  .map(({ c, h, w, seed }) => tensor(uniform(key(seed), [c, h, w]), { shape: [c, h, w] }));

describe('PNG', () => {
  it('fromPng(toPng(x)) is x to within half a grey level, for 1 to 4 channels', () => {
    fc.assert(
      fc.property(imageArb, fc.boolean(), (x, invert) => {
        const png = toPng(x, { range: [0, 1], invert });
        const back = fromPng(png, { invert });
        expect(back.shape).toEqual(x.shape);
        expect(maxDiff(values(back), values(x))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('writes 8-bit grey for [h, w] and maps the range onto 0..255', () => {
    const png = decode(toPng(tensor([[-0.1, 1.175]]), { range: [-0.1, 1.175] }));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([2, 1, 1, 8]);
    expect([...png.data]).toEqual([0, 255]);
    expect([...decode(toPng(tensor([[2, 4, 3]]))).data]).toEqual([0, 255, 128]);
    expect([...decode(toPng(tensor([[0, 1]]), { range: [0, 1], invert: true })).data]).toEqual([
      255, 0,
    ]);
    const zoomed = decode(toPng(tensor([[0, 1]]), { zoom: 2 }));
    expect([zoomed.width, zoomed.height, ...zoomed.data]).toEqual([
      4, 2, 0, 0, 255, 255, 0, 0, 255, 255,
    ]);
  });

  it('round-trips a grid of digits', () => {
    const { images } = mnist({ split: 'test', limit: 7 });
    const png = toPngGrid(images, { columns: 3, gap: 1, range: [0, 1] });
    const { width, height } = decode(png);
    expect([width, height]).toEqual([3 * 28 + 2, 3 * 28 + 2]);
    const back = fromPngGrid(png, { height: 28, width: 28, gap: 1, count: 7 });
    expect(back.shape).toEqual([7, 1, 28, 28]);
    expect(maxDiff(values(back), values(images))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    const paper = mnist({ split: 'test', limit: 4, scale: 'paper', pad: true }).images;
    const again = fromPngGrid(toPngGrid(paper, { range: [-0.1, 1.175] }), {
      height: 32,
      width: 32,
      range: [-0.1, 1.175],
    });
    expect(again.shape).toEqual([4, 1, 32, 32]);
    expect(maxDiff(values(again), values(paper))).toBeLessThanOrEqual((0.5 * 1.275) / 255 + 1e-6);
  });

  it('reads 16-bit, low bit depth and palette PNGs', () => {
    const sixteen = encode({
      width: 2,
      height: 1,
      data: Uint16Array.of(0, 65535),
      depth: 16,
      channels: 1,
    });
    expect(fromPng(sixteen).toArray()).toEqual([[[0, 1]]]);
    // 1-bit grey: 0b1010_0000 is the row 1, 0, 1, 0.
    const oneBit = encode({
      width: 4,
      height: 1,
      data: Uint8Array.of(0b1010_0000),
      depth: 1,
      channels: 1,
    });
    expect(fromPng(oneBit).toArray()).toEqual([[[1, 0, 1, 0]]]);
    const palette = encode({
      width: 2,
      height: 1,
      data: Uint8Array.of(1, 0),
      depth: 8,
      channels: 1,
      palette: [
        [255, 0, 0],
        [0, 0, 255],
      ],
    });
    expect(fromPng(palette).toArray()).toEqual([[[0, 1]], [[0, 0]], [[1, 0]]]);
  });

  it('gives a PngFormatError for bytes that are not a PNG or do not make the grid', () => {
    expect(() => fromPng(Uint8Array.of(1, 2, 3))).toThrow(PngFormatError);
    const png = toPng(tensor([[0, 1]]));
    expect(() => fromPng(png.subarray(0, 30))).toThrow(/damaged/);
    expect(() =>
      fromPngGrid(toPngGrid(tensor(new Float32Array(3 * 16), { shape: [3, 4, 4] })), {
        height: 5,
        width: 5,
      }),
    ).toThrow(/does not split into 5x5 cells/);
  });

  it('rejects shapes that are not images and bad options', () => {
    expect(() => toPng(tensor([1, 2]))).toThrow(/\[height, width\]/);
    expect(() => toPng(tensor(new Float32Array(5 * 4), { shape: [5, 2, 2] }))).toThrow(
      /5 channels/,
    );
    expect(() => toPngGrid(tensor([[1]]))).toThrow(/\[n, height, width\]/);
    expect(() => toPng(tensor([[1]]), { range: [1, 1] })).toThrow(/low < high/);
    expect(() =>
      toPngGrid(tensor(new Float32Array(4), { shape: [1, 2, 2] }), { columns: 0 }),
    ).toThrow(/columns/);
  });
});
