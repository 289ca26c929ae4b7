import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tour } from '../autodiff.js';

describe('autodiff tour', () => {
  const lines = new Map(tour());

  it('computes the derivatives worked out by hand', () => {
    expect(lines.get("jvp cubic at 2: f'")).toBe('tensor(14, dtype=float32)');
    expect(lines.get('vjp h, cotangent [1,1]')).toBe('[4, 8]');
    expect(lines.get("L'(1)")).toBe('tensor(-11.3333, dtype=float32)');
    expect(lines.get('hvp q at (1, 2), v = [1, 1]')).toBe('tensor([ 6, 14], dtype=float32)');
    expect(lines.get('checkGrads g and q (order 2)')).toBe('passed');
    expect(lines.get('checkGrads badCube')).toMatch(/^checkGrads: reverse mode: argument 0/);
  });

  it('prints exactly what docs/autodiff.md quotes', () => {
    const guide = readFileSync(new URL('../../docs/autodiff.md', import.meta.url), 'utf8');
    for (const [name, value] of lines) expect(guide).toContain(`${name} = ${value}`);
  });
});
