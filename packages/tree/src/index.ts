/**
 * Pytrees, as in JAX's `jax.tree_util`: nested arrays and plain objects of arbitrary leaves,
 * flattened to a list of leaves plus a structure, mapped leaf by leaf, and compared by structure.
 *
 * @packageDocumentation
 */

export { TreeMismatchError } from './errors.js';
export {
  flatten,
  leafPaths,
  leaves,
  numLeaves,
  sameStructure,
  structure,
  unflatten,
} from './flatten.js';
export { map, mapN } from './map.js';
export {
  equalStructure,
  type StructureNode,
  type TreeStructure,
} from './structure.js';
export { keyPath, type PathKey, type Tree, type TreePath } from './tree.js';
