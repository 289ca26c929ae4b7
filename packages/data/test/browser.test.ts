import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
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
  it('exports everything the Node entry does but the file-system readers and writers', () => {
    const nodeOnly = Object.keys(node).filter((name) => !(name in browser));
    expect(nodeOnly.sort()).toEqual(['mnist', 'readIdxFile', 'writeIdxFile']);
    expect(Object.keys(browser).filter((name) => !(name in node))).toEqual([]);
  });

  it('imports no Node built-in, directly or through its own modules', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const imports = [...bareImports(join(SRC, 'browser.ts'))];
    expect(imports.filter((m) => builtins.has(m))).toEqual([]);
    expect(imports.length).toBeGreaterThan(0);
    // The Node entry, for contrast, does use them (the walk finds what it should).
    expect([...bareImports(join(SRC, 'index.ts'))]).toContain('node:zlib');
  });

  it('decodes and encodes plain IDX like the Node entry', () => {
    const array = { type: 'int16', shape: [2, 2], data: Int16Array.of(1, -2, 300, -4) } as const;
    const bytes = browser.encodeIdx(array);
    expect(bytes).toEqual(node.encodeIdx(array));
    expect(browser.decodeIdx(bytes, { type: 'int16' })).toEqual(node.decodeIdx(bytes));
  });

  it('refuses gzip with an error that says why, where the Node entry inflates it', () => {
    const bytes = node.encodeIdx({ type: 'uint8', shape: [3], data: Uint8Array.of(1, 2, 3) });
    const gz = new Uint8Array(gzipSync(bytes));
    expect(node.decodeIdx(gz).data).toEqual(Uint8Array.of(1, 2, 3));
    expect(() => browser.decodeIdx(gz, { file: 'labels.gz' })).toThrow(browser.IdxFormatError);
    expect(() => browser.decodeIdx(gz, { file: 'labels.gz' })).toThrow(
      /^labels\.gz: is gzip-compressed.*DecompressionStream/,
    );
    expect(() =>
      browser.encodeIdx({ type: 'uint8', shape: [1], data: Uint8Array.of(1) }, { gzip: true }),
    ).toThrow(/gzip needs node:zlib/);
  });
});
