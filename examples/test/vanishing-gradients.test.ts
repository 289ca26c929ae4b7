import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTable, INITIALISERS, runVanishingGradients } from '../vanishing-gradients.js';

describe('vanishing-gradients example', () => {
  const out = mkdtempSync(join(tmpdir(), 'tessera-vanishing-'));
  const { file, results } = runVanishingGradients({ depth: 6, width: 32, batch: 64, out });

  it('writes the SVG: four charts, one line per initialisation', () => {
    expect(existsSync(file)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4 * Object.keys(INITIALISERS).length);
    expect(svg).toContain('normal(0.01)');
  });

  it('measures one norm per dense layer', () => {
    for (const table of [results.sigmoid, results.tanh]) {
      for (const norms of Object.values(table)) {
        expect(norms.weights).toHaveLength(7);
        expect(norms.signals).toHaveLength(7);
        for (const n of [...norms.weights, ...norms.signals]) expect(n).toBeGreaterThan(0);
      }
    }
  });

  it('with the small initialisation the gradients shrink from the output down', () => {
    const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
    const small = 'normal(0.01)';
    expect(increasing(results.sigmoid[small]!.weights)).toBe(true);
    expect(increasing(results.sigmoid[small]!.signals)).toBe(true);
    expect(increasing(results.tanh[small]!.signals)).toBe(true);
    // ... by orders of magnitude over six layers
    const s = results.tanh[small]!.signals;
    expect(s[0]! / s.at(-1)!).toBeLessThan(1e-4);
  });

  it('with tanh and Glorot initialisation they stay within a factor of 10', () => {
    const s = results.tanh.glorotNormal!.signals;
    expect(Math.max(...s) / Math.min(...s)).toBeLessThan(10);
  });

  it('prints a table with a row per initialisation', () => {
    const text = formatTable('tanh', 'signals', results.tanh);
    expect(text.split('\n')).toHaveLength(2 + Object.keys(INITIALISERS).length);
    expect(text).toMatch(/^tanh, \|\|dL\/dz\|\|/);
  });
});
