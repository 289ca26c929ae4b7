import { type Tensor, tensor } from '@tessera/tensor';

/** `tree` with every tensor copied to float64, for comparisons with float64 references. */
export function toFloat64(tree: unknown): unknown {
  if (tree instanceof Object && 'dtype' in tree) {
    const t = tree as Tensor;
    return tensor(Float64Array.from(t.data()), { shape: t.shape });
  }
  if (Array.isArray(tree)) return tree.map(toFloat64);
  if (tree === null || typeof tree !== 'object') return tree;
  return Object.fromEntries(Object.entries(tree).map(([name, v]) => [name, toFloat64(v)]));
}
