import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendCsv,
  appendJsonl,
  appendMetrics,
  csvField,
  csvRow,
  EPOCH_COLUMNS,
  MetricsFileError,
  readJsonl,
} from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-metrics-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('metrics.jsonl', () => {
  it('appends one JSON object per line and reads them back', () => {
    const path = join(dir, 'metrics.jsonl');
    expect(readJsonl(path)).toEqual([]);
    appendJsonl(path, { epoch: 1, trainLoss: 0.5, note: 'a "quoted"\nline' });
    appendJsonl(path, { epoch: 2, trainLoss: Number.NaN, valError: null });
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    expect(readJsonl(path)).toEqual([
      { epoch: 1, trainLoss: 0.5, note: 'a "quoted"\nline' },
      { epoch: 2, trainLoss: null, valError: null },
    ]);
  });

  it('names a line that is not a JSON object', () => {
    const path = join(dir, 'metrics.jsonl');
    writeFileSync(path, '{"epoch":1}\n\n[1,2]\n');
    expect(() => readJsonl(path)).toThrow(MetricsFileError);
    expect(() => readJsonl(path)).toThrow(/metrics\.jsonl:3: not a JSON object/);
  });
});

describe('metrics.csv', () => {
  it('quotes fields as RFC 4180 asks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.001)).toBe('0.001');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvRow(['a', 'b', 'c'], { c: 3, a: 'x,y' })).toBe('"x,y",,3');
  });

  it('writes the header once, then one row per record', () => {
    const path = join(dir, 'metrics.csv');
    appendCsv(path, EPOCH_COLUMNS, { epoch: 1, trainLoss: 0.5, valError: 0.1 });
    appendCsv(path, EPOCH_COLUMNS, { epoch: 2, trainLoss: 0.25, valError: 0.05 });
    expect(readFileSync(path, 'utf8')).toBe(
      'epoch,step,trainLoss,trainError,valLoss,valError,lr,seconds,imagesPerSecond\n' +
        '1,,0.5,,,0.1,,,\n' +
        '2,,0.25,,,0.05,,,\n',
    );
  });

  it('refuses a file with other columns and values with no column', () => {
    const path = join(dir, 'metrics.csv');
    writeFileSync(path, 'epoch,loss\n1,0.5\n');
    expect(() => appendCsv(path, ['epoch', 'trainLoss'], { epoch: 2 })).toThrow(
      /its header is 'epoch,loss', but the rows being added have columns 'epoch,trainLoss'/,
    );
    expect(() => appendCsv(join(dir, 'new.csv'), ['epoch'], { epoch: 1, extra: 2 })).toThrow(
      MetricsFileError,
    );
  });
});

describe('appendMetrics', () => {
  it('appends to metrics.csv and metrics.jsonl in the run folder', () => {
    appendMetrics(dir, EPOCH_COLUMNS, { epoch: 1, trainLoss: 0.5 });
    appendMetrics(dir, EPOCH_COLUMNS, { epoch: 2, trainLoss: 0.4 });
    expect(readJsonl(join(dir, 'metrics.jsonl'))).toEqual([
      { epoch: 1, trainLoss: 0.5 },
      { epoch: 2, trainLoss: 0.4 },
    ]);
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
  });
});
