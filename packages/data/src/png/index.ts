export { type FromPngGridOptions, type FromPngOptions, fromPng, fromPngGrid } from './decode.js';
export { type PngGridOptions, type PngOptions, toPng, toPngGrid } from './encode.js';
export { PngFormatError } from './errors.js';
