export { MnistError } from './errors.js';
export { type MnistData, type MnistOptions, type MnistSplit, mnist } from './mnist.js';
export { type MnistScale, PAPER_BACKGROUND, PAPER_FOREGROUND } from './scale.js';
