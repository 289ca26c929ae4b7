import { describe, expect, it } from 'vitest';
import {
  BOX,
  boundingBox,
  centreOfMass,
  FIELD,
  type InkImage,
  inkFromRgba,
  toMnist,
  toModelInput,
} from '../src/preprocess.js';
import { CANVAS, DIGITS, PEN } from './digits.js';
import { rasterise } from './raster.js';

const asImage = (data: Float32Array): InkImage => ({ width: FIELD, height: FIELD, data });

describe('MNIST-style preprocessing', () => {
  it('reads ink from the alpha channel', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 9, 9, 9, 0, 0, 0, 0, 51]);
    expect(inkFromRgba(rgba, 3, 1).data).toEqual(Float32Array.of(1, 0, 0.2));
  });

  it('gives nothing for an empty pad', () => {
    expect(toMnist({ width: 10, height: 10, data: new Float32Array(100) })).toBeNull();
  });

  it.each([
    [7, 1],
    [1, 1],
    [0, 2],
    [4, 2],
  ])('fits a %i (device scale %i) in a 20x20 box centred by mass in 28x28', (digit, scale) => {
    const image = toMnist(rasterise(DIGITS[digit]!, CANVAS, PEN, scale))!;
    const box = boundingBox(asImage(image))!;
    const side = Math.max(box.x1 + 1 - box.x0, box.y1 + 1 - box.y0);
    // 20 pixels, give or take the faint anti-aliased edge pixels
    expect(side).toBeGreaterThanOrEqual(BOX - 1);
    expect(side).toBeLessThanOrEqual(BOX + 2);
    const com = centreOfMass(asImage(image));
    expect(Math.abs(com.x - FIELD / 2)).toBeLessThan(0.05);
    expect(Math.abs(com.y - FIELD / 2)).toBeLessThan(0.05);
    expect(Math.max(...image)).toBeLessThanOrEqual(1);
    // strokes as thick as MNIST's: a core of full ink
    expect(image.filter((v) => v > 0.9).length).toBeGreaterThan(20);
  });

  it('keeps the aspect ratio: a 1 stays tall and thin', () => {
    const image = toMnist(rasterise(DIGITS[1]!, CANVAS, PEN))!;
    const box = boundingBox(asImage(image))!;
    expect(box.y1 + 1 - box.y0).toBeGreaterThanOrEqual(BOX - 1);
    expect(box.x1 + 1 - box.x0).toBeLessThan(12);
  });

  it('does not depend on where or how large the digit is drawn', () => {
    const seven = DIGITS[7]!;
    const moved = seven.map((s) => s.map(([x, y]) => [x * 0.5 + 20, y * 0.5 + 100] as const));
    const a = toMnist(rasterise(seven, CANVAS, PEN))!;
    const b = toMnist(rasterise(moved, CANVAS, PEN / 2))!;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - b[i]!);
    expect(diff / a.reduce((s, v) => s + v, 0)).toBeLessThan(0.1);
  });

  it('formats the input as the model was trained: unit or paper scale, padded to 32x32', () => {
    const image = new Float32Array(FIELD * FIELD);
    image[0] = 1;
    image[1] = 0.5;
    const unit = toModelInput(image, { scale: 'unit', pad: true });
    expect(unit.length).toBe(32 * 32);
    expect(unit[2 * 32 + 2]).toBe(1);
    expect(unit[2 * 32 + 3]).toBe(0.5);
    expect(unit[0]).toBe(0);
    const paper = toModelInput(image, { scale: 'paper', pad: false });
    expect(paper.length).toBe(FIELD * FIELD);
    expect(paper[0]).toBeCloseTo(1.175, 6);
    expect(paper[2]).toBeCloseTo(-0.1, 6);
  });
});
