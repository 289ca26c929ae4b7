// Arrows point down (DESIGN.md): an optimizer only receives gradients, so optim depends on tensor
// and tree and never on autodiff (or anything above it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('dependencies', () => {
  it('are @tessera/tensor and @tessera/tree only', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([
      '@tessera/tensor',
      '@tessera/tree',
    ]);
  });

  it('no source file imports another package', () => {
    let count = 0;
    for (const file of sourceFiles(join(root, 'src'))) {
      // Statements at the start of a line: the examples in TSDoc comments import '@tessera/optim'.
      const statements = readFileSync(file, 'utf8').matchAll(
        /^(?:import|export)\s[^;]*?from '([^']+)';/gm,
      );
      const packages = [...statements].map((m) => m[1]!).filter((name) => !name.startsWith('.'));
      for (const name of packages)
        expect(['@tessera/tensor', '@tessera/tree'], file).toContain(name);
      count += packages.length;
    }
    expect(count).toBeGreaterThan(10);
  });
});
