/**
 * Shape helpers shared by the layers (internal).
 */
import { Tensor } from '@tessera/tensor';
import { LayerConfigError, LayerShapeError } from './errors.js';
import type { Flow, Shape } from './types.js';

/** Formats a shape as `[1,32,32]` for error messages. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** The number of elements of a shape. */
export function sizeOf(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** A number or a pair as `[h, w]`, checked to be positive integers. */
export function toPair(
  layer: string,
  what: string,
  v: number | readonly [number, number],
): readonly [number, number] {
  const p: readonly [number, number] = typeof v === 'number' ? [v, v] : v;
  if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || x < 1)) {
    throw new LayerConfigError(
      `${layer}: ${what} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`,
    );
  }
  return p;
}

/** Checks a positive integer option. */
export function positiveInteger(layer: string, what: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new LayerConfigError(`${layer}: ${what} must be a positive integer, got ${v}`);
  }
  return v;
}

/** Checks that an input shape is a single shape of the given rank (or at least `min`). */
export function expectRank(layer: string, inShape: unknown, rank: number, what: string): Shape {
  const shape = expectShape(layer, inShape);
  if (shape.length !== rank) {
    throw new LayerShapeError(`${layer}: expects inputs of shape ${what}, got ${showShape(shape)}`);
  }
  return shape;
}

/** Checks that an input shape is one shape (not a list of shapes) of non-negative integers. */
export function expectShape(layer: string, inShape: unknown): Shape {
  if (!Array.isArray(inShape) || inShape.some((d) => typeof d !== 'number')) {
    throw new LayerShapeError(
      `${layer}: expects one input shape (numbers), got ${JSON.stringify(inShape)}`,
    );
  }
  const shape = inShape as Shape;
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new LayerShapeError(`${layer}: invalid input shape ${showShape(shape)}`);
  }
  return shape;
}

/** Checks that an input shape is a list of shapes. */
export function expectShapes(layer: string, inShape: unknown): readonly Shape[] {
  if (
    !Array.isArray(inShape) ||
    inShape.some((s) => !Array.isArray(s) || s.some((d: unknown) => typeof d !== 'number'))
  ) {
    throw new LayerShapeError(
      `${layer}: expects a list of input shapes, got ${JSON.stringify(inShape)}`,
    );
  }
  return inShape as readonly Shape[];
}

/** The per-example shape of a flow: `x.shape` without the batch axis. */
export function flowShape(x: Flow): Shape | readonly Shape[] {
  return x instanceof Tensor ? x.shape.slice(1) : x.map((t) => t.shape.slice(1));
}

/** Equality of two shapes. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
