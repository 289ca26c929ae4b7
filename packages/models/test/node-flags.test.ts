import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_PARALLEL_NODE_FLAGS, missingNodeFlags } from '../src/index.js';

const script = fileURLToPath(new URL('./fixtures/print-flags.mjs', import.meta.url));
const run = (env: Record<string, string>, execArgv: string[] = []) =>
  spawnSync(process.execPath, [...execArgv, script, '3'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('the Node flags of data-parallel training', () => {
  it('are missing by name, whatever value a process gives them', () => {
    expect(missingNodeFlags([])).toEqual([...DATA_PARALLEL_NODE_FLAGS]);
    expect(missingNodeFlags(['--max-semi-space-size=8'])).toEqual(['--single-threaded-gc']);
    expect(missingNodeFlags(['--single_threaded_gc', '--max-semi-space-size=64'])).toEqual([]);
    fc.assert(
      fc.property(fc.subarray([...DATA_PARALLEL_NODE_FLAGS]), (present) => {
        const missing = missingNodeFlags(present);
        expect(new Set([...present, ...missing])).toEqual(new Set(DATA_PARALLEL_NODE_FLAGS));
        expect(missing.filter((f) => present.includes(f))).toEqual([]);
      }),
    );
  });

  it('rerun a script under them once, passing its arguments and its exit code', () => {
    const child = run({});
    expect(child.status).toBe(3);
    expect(JSON.parse(child.stdout)).toEqual([...DATA_PARALLEL_NODE_FLAGS]);
  });

  it('are left alone when present or turned off', () => {
    const present = run({}, [...DATA_PARALLEL_NODE_FLAGS]);
    expect(JSON.parse(present.stdout)).toEqual([...DATA_PARALLEL_NODE_FLAGS]);
    const off = run({ TESSERA_NODE_FLAGS: 'off' });
    expect(off.status).toBe(3);
    expect(JSON.parse(off.stdout)).toEqual([]);
  });
});
