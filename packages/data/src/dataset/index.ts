export { type BatchOptions, Dataset } from './dataset.js';
export { fromArray, fromTensors } from './sources.js';
export type { TensorTree } from './tree.js';
export type { DatasetPlan, DatasetView } from './view.js';
