import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { key } from '@tessera/random';
import type { Tensor } from '@tessera/tensor';
import { flatten, type Tree } from '@tessera/tree';
import { describe, expect, it } from 'vitest';
import * as browser from '../src/browser.js';
import * as node from '../src/index.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every bare import specifier reachable from `entry` through relative imports. */
function bareImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // `import type` is erased from the output, so it brings nothing into a bundle.
    for (const [, kind, specifier] of text.matchAll(
      /^(?:import|export)(\s+type)?[^'";]*?from\s+'([^']+)'/gm,
    )) {
      if (kind !== undefined || specifier === undefined) continue;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return bare;
}

describe('the browser entry', () => {
  it('exports everything the Node entry does but files, threads and Node flags', () => {
    const nodeOnly = Object.keys(node).filter((name) => !(name in browser));
    expect(nodeOnly.sort()).toEqual([
      'DATA_PARALLEL_NODE_FLAGS',
      'loadCheckpoint',
      'makeDataParallelTrainStep',
      'missingNodeFlags',
      'rerunWithNodeFlags',
      'saveCheckpoint',
    ]);
    expect(Object.keys(browser).filter((name) => !(name in node))).toEqual([]);
  });

  it('imports no Node built-in, directly or through its own modules', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect([...bareImports(join(SRC, 'browser.ts'))].filter((m) => builtins.has(m))).toEqual([]);
    expect([...bareImports(join(SRC, 'index.ts'))]).toContain('node:fs');
  });

  it('round-trips a parameters-only checkpoint through bytes', () => {
    const model = browser.lenet5Modern();
    const [, params] = model.layer.init(key(0), model.inputShape);
    const bytes = browser.encodeCheckpoint({
      params,
      optState: [],
      epoch: 8,
      step: 3128,
      keys: [],
      config: { model: 'lenet5-modern' },
    });
    const loaded = browser.decodeCheckpoint(bytes);
    expect(loaded.epoch).toBe(8);
    expect(loaded.config).toEqual({ model: 'lenet5-modern' });
    const restored = browser.restoreInto(params, loaded.params);
    const [got] = flatten(restored as Tree<Tensor>);
    const [want] = flatten(params as Tree<Tensor>);
    expect(got.map((t) => t.data())).toEqual(want.map((t) => t.data()));
  });
});
