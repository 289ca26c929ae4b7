import { stackLeaves, zipLeaves } from './tree.js';
import type { DatasetView } from './view.js';

/**
 * Elements `indices` of a view, batched: through the view's own `gather` when it has one
 * (rows copied straight from the source tensors), else by building each element and stacking
 * the leaves of their trees.
 */
export function gatherOrStack<T>(op: string, view: DatasetView<T>, indices: Int32Array): T {
  if (view.gather !== undefined) return view.gather(indices);
  if (indices.length === 0) {
    throw new RangeError(`${op}: cannot stack an empty batch of elements that have no tensors yet`);
  }
  const elements = Array.from(indices, (i) => view.at(i));
  return zipLeaves<T>(op, elements, (leaves, path) => stackLeaves(op, leaves, path));
}
