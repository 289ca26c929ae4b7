import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/gpujs/cache.js';
import { createGpujsBackend } from '../../src/index.js';
import { f32 } from './helpers.js';

/** Bytes held by JS objects and buffers (WebAssembly memories count as array buffers), after GC. */
function held(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

const MiB = 2 ** 20;

describe('the kernel cache', () => {
  it('evicts the least recently used entry and hands it to onEvict', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (key) => evicted.push(key));
    cache.getOrCreate('a', () => 1);
    cache.getOrCreate('b', () => 2);
    expect(cache.getOrCreate('a', () => -1)).toBe(1); // a hit refreshes 'a'
    cache.getOrCreate('c', () => 3);
    expect(evicted).toEqual(['b']);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(evicted).toEqual(['b', 'a', 'c']);
    expect(() => new LruCache(0, () => {})).toThrow(RangeError);
  });

  it('keeps memory flat over 10,000 kernel calls and 300 evicted kernels', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function'); // vitest runs --expose-gc
    const backend = createGpujsBackend({ routing: 'always', cacheSize: 4 });
    const plain = { transposeA: false, transposeB: false };
    const a = f32([2, 8, 12], new Float32Array(192).fill(0.5));
    const b = f32([2, 12, 8], new Float32Array(192).fill(2));
    const x = f32([2, 3, 10, 10], new Float32Array(600).fill(1));
    const w = f32([4, 3, 3, 3], new Float32Array(108).fill(1));
    const valid = {
      strides: [1, 1],
      padding: [
        [0, 0],
        [0, 0],
      ],
    } as const;
    const pool = { window: [2, 2], strides: [2, 2] } as const;
    const round = () => {
      backend.matmul(a, b, plain);
      backend.conv2d(x, w, valid);
      backend.maxPool2d(x, pool);
    };
    for (let i = 0; i < 100; i++) round();
    const start = held();
    for (let i = 0; i < 3334; i++) round(); // 10,002 kernel calls on 3 cached kernels
    const afterCalls = held();
    expect(backend.stats.compiled).toBe(3);
    expect(afterCalls - start).toBeLessThan(4 * MiB);

    // Churn: 300 distinct shapes through a cache of 4; each kernel holds at least 1 MiB of
    // WebAssembly memory, so leaking them would show as hundreds of MiB.
    for (let n = 1; n <= 300; n++) {
      const m = f32([1, n, 4], new Float32Array(4 * n).fill(1));
      backend.matmul(m, f32([1, 4, 4], new Float32Array(16).fill(1)), plain);
    }
    expect(backend.stats.evicted).toBeGreaterThanOrEqual(299);
    expect(backend.stats.cached).toBe(4);
    expect(held() - start).toBeLessThan(32 * MiB);
    backend.dispose();
  });
});
