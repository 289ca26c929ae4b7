import type { NdArray } from '@tessera/kernels';

/** Axes longer than this show their first and last few entries around `...`. */
const EDGE_ITEMS = 3;
const SUMMARISE_ABOVE = 1000;

/**
 * NumPy-style text for a buffer:
 * `tensor([[1, 2], [3, 4]], dtype=float32)`; large axes are elided with `...`.
 */
export function formatTensor(buffer: NdArray): string {
  const { shape, data, dtype } = buffer;
  const summarise = data.length > SUMMARISE_ABOVE;
  const style = chooseStyle(data, dtype);
  const cells = Array.from(data, (v) => formatNumber(v, style));
  const width = Math.max(1, ...cells.map((c) => c.length));
  const indent = ' '.repeat('tensor('.length);
  const render = (axis: number, offset: number, stride: number): string => {
    if (axis === shape.length) return cells[offset]!.padStart(width);
    const n = shape[axis]!;
    const inner = stride / Math.max(n, 1);
    const indices = visibleIndices(n, summarise);
    const parts = indices.map((i) => (i < 0 ? '...' : render(axis + 1, offset + i * inner, inner)));
    const depth = shape.length - axis - 1;
    const sep = depth === 0 ? ', ' : `,${'\n'.repeat(depth)}${indent}${' '.repeat(axis + 1)}`;
    return `[${parts.join(sep)}]`;
  };
  const body = render(0, 0, data.length);
  return `tensor(${body}, dtype=${dtype}${data.length === 0 ? `, shape=[${shape.join(',')}]` : ''})`;
}

function visibleIndices(n: number, summarise: boolean): number[] {
  if (!summarise || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
  const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i);
  return [...head, -1, ...tail];
}

type Style = 'bool' | 'integer' | 'fixed' | 'exponential';

/** One notation for the whole tensor, so columns line up (as NumPy does). */
function chooseStyle(
  data: ArrayLike<number>,
  dtype: NdArray['dtype'],
): { style: Style; digits: number } {
  const digits = dtype === 'float32' ? 4 : 6;
  if (dtype === 'bool') return { style: 'bool', digits };
  const finite = Array.from(data).filter(Number.isFinite);
  if (dtype === 'int32' || finite.every(Number.isInteger)) return { style: 'integer', digits };
  const large = finite.some((v) => Math.abs(v) >= 1e6);
  const small = finite.some((v) => v !== 0 && Math.abs(v) < 1e-4);
  return { style: large || small ? 'exponential' : 'fixed', digits };
}

function formatNumber(v: number, { style, digits }: { style: Style; digits: number }): string {
  if (style === 'bool') return v ? 'true' : 'false';
  if (style === 'integer' || !Number.isFinite(v)) return String(v);
  return style === 'fixed' ? v.toFixed(digits) : v.toExponential(digits);
}
