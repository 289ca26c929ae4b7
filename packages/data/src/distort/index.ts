export { distort, distortImages, type WithImages } from './distort.js';
export type { AffineOptions, DistortOptions, ElasticOptions } from './options.js';
