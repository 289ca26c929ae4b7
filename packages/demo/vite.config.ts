import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built page works from any folder (a static host, a file server).
  base: './',
  build: {
    target: 'es2022',
    // gpu.js (the WebGL, WebGPU and WebAssembly backends, and its JavaScript parser) is most of
    // the page; it is one library, so one chunk.
    chunkSizeWarningLimit: 1500,
  },
  preview: { port: 4173 },
  server: { port: 5173 },
});
