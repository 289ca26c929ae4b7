/**
 * The smoke run of `pnpm bench`: every configuration runs once on a small batch, so
 * that the benchmark cannot rot. It checks what the report holds, not how fast anything is.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { plan } from '../src/plan.js';
import type { Outcome } from '../src/spec.js';

const folder = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('pnpm bench --smoke', () => {
  it('runs every configuration and reports throughput, RSS and the ratios', () => {
    const out = join(folder, 'report.json');
    const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
    const printed = execFileSync(process.execPath, [main, '--smoke', '--out', out], {
      encoding: 'utf8',
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      outcomes: Outcome[];
      ratios: Record<string, number>;
    };
    expect(report.outcomes.map((o) => o.spec)).toEqual(plan(true));
    for (const outcome of report.outcomes) {
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      if (!outcome.ok) continue;
      expect(outcome.peakRssMiB).toBeGreaterThan(0);
      if ('train' in outcome.result) {
        expect(outcome.result.train.every((r) => r > 0 && Number.isFinite(r))).toBe(true);
        expect(outcome.result.infer.every((r) => r > 0 && Number.isFinite(r))).toBe(true);
      }
    }
    expect(Object.keys(report.ratios)).toEqual([
      'b8 tessera / tfjs-cpu-fair',
      'b8 tessera / tfjs-cpu-stock',
      'b8 tessera / tfjs-wasm-fair',
      'RSS drift over the memory run',
    ]);
    expect(printed).toMatch(/b8 tessera \/ tfjs-wasm-fair\s+\d+\.\d\dx/);
  });
});
