import { type Backend, reference } from '@tessera/kernels';
import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  backendInfo,
  getBackend,
  matmul,
  ones,
  setBackend,
  withBackend,
} from '../src/index.js';

/** The reference backend under another name, counting the calls that reach it. */
function counting(): Backend & { calls: string[] } {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(reference).map(([key, value]) => [
      key,
      typeof value === 'function'
        ? (...args: unknown[]) => {
            calls.push(key);
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value,
    ]),
  ) as unknown as Backend;
  return Object.assign(wrapped, { name: 'counting', calls });
}

describe('backend selection', () => {
  afterEach(() => setBackend(reference));

  it('defaults to the reference backend', () => {
    expect(getBackend().name).toBe('reference');
  });

  it('setBackend applies to the process, withBackend to a scope', () => {
    const processWide = counting();
    const scoped = counting();
    setBackend(processWide);
    add(ones([2]), ones([2]));
    withBackend(scoped, () => matmul(ones([2, 2]), ones([2, 2])));
    expect(processWide.calls).toEqual(['binary']);
    expect(scoped.calls).toEqual(['matmul']);
    expect(getBackend()).toBe(processWide);
  });

  it('restores the backend when the scope throws', () => {
    const scoped = counting();
    expect(() =>
      withBackend(scoped, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getBackend().name).toBe('reference');
  });

  it('float64 always runs on the reference backend', () => {
    const other = counting();
    setBackend(other);
    add(ones([2], { dtype: 'float64' }), ones([2], { dtype: 'float64' }));
    expect(other.calls).toEqual([]);
    add(ones([2]), ones([2]));
    expect(other.calls).toEqual(['binary']);
  });
});

describe('backendInfo', () => {
  it('reports the backend in use', () => {
    expect(backendInfo()).toEqual({ name: 'reference', kind: 'reference', float64: 'reference' });
    expect(withBackend(counting(), () => backendInfo().kind)).toBe('custom');
  });
});
