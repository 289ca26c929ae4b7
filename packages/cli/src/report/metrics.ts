import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One row of metrics: a flat record of numbers, strings and `null` (a value not measured).
 *
 * @example
 * ```ts
 * import type { MetricsRecord } from '@tessera/cli';
 *
 * const row: MetricsRecord = { epoch: 1, trainLoss: 0.31, valError: 0.021, lr: 0.001 };
 * ```
 */
export type MetricsRecord = { readonly [name: string]: number | string | null };

/**
 * Thrown when a metrics file cannot be appended to or read: a CSV whose header has other
 * columns than the rows being added (a resumed run with other metrics), or a JSONL line that
 * is not a JSON object.
 *
 * @example
 * ```ts
 * import { appendCsv, MetricsFileError } from '@tessera/cli';
 *
 * try { appendCsv('metrics.csv', ['epoch'], { epoch: 1 }); } catch (e) { e instanceof MetricsFileError; }
 * ```
 */
export class MetricsFileError extends Error {
  /** The error's class name, for stack traces and logs. */
  override readonly name: string = 'MetricsFileError';
}

/**
 * The columns of the per-epoch metrics files `tessera train` writes, in order.
 *
 * @example
 * ```ts
 * import { EPOCH_COLUMNS } from '@tessera/cli';
 *
 * EPOCH_COLUMNS[0]; // 'epoch'
 * ```
 */
export const EPOCH_COLUMNS = [
  'epoch',
  'step',
  'trainLoss',
  'trainError',
  'valLoss',
  'valError',
  'lr',
  'seconds',
  'imagesPerSecond',
] as const;

/**
 * Appends `record` to a JSON Lines file (one JSON object per line), creating the file. Values
 * JSON cannot hold (`NaN`, infinities) are written as `null`, as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * import { appendJsonl } from '@tessera/cli';
 *
 * appendJsonl('runs/lenet5/metrics.jsonl', { epoch: 1, trainLoss: 0.31 });
 * ```
 */
export function appendJsonl(path: string, record: MetricsRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}

/**
 * Reads a JSON Lines file of records (as {@link appendJsonl} writes); blank lines are skipped
 * and a missing file is empty, so a resumed run can replot its whole history.
 *
 * @throws MetricsFileError naming the line that is not a JSON object.
 *
 * @example
 * ```ts
 * import { readJsonl } from '@tessera/cli';
 *
 * const history = readJsonl('runs/lenet5/metrics.jsonl'); // [{ epoch: 1, ... }, ...]
 * ```
 */
export function readJsonl(path: string): MetricsRecord[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new MetricsFileError(`${path}:${i + 1}: not a JSON object: ${line.slice(0, 60)}`);
      }
      return [value as MetricsRecord];
    });
}

/**
 * One CSV field, quoted as RFC 4180 asks when it holds a comma, quote or line break; `null`
 * is an empty field and non-finite numbers are written as `NaN`, `Infinity`, `-Infinity`.
 *
 * @example
 * ```ts
 * import { csvField } from '@tessera/cli';
 *
 * csvField('a,b'); // '"a,b"'
 * csvField(null); // ''
 * ```
 */
export function csvField(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line (without the line break) of `record`'s values in `columns` order; a column
 * the record lacks is an empty field.
 *
 * @example
 * ```ts
 * import { csvRow } from '@tessera/cli';
 *
 * csvRow(['epoch', 'valError'], { epoch: 2 }); // '2,'
 * ```
 */
export function csvRow(columns: readonly string[], record: MetricsRecord): string {
  return columns.map((column) => csvField(record[column])).join(',');
}

/**
 * Appends `record` to a CSV file with the given columns, writing the header line first when
 * the file is new or empty.
 *
 * @throws MetricsFileError if the file's header names other columns, or `record` has a value
 *   for a column not in `columns` (which would be lost silently).
 *
 * @example
 * ```ts
 * import { appendCsv, EPOCH_COLUMNS } from '@tessera/cli';
 *
 * appendCsv('runs/lenet5/metrics.csv', EPOCH_COLUMNS, { epoch: 1, trainLoss: 0.31 });
 * ```
 */
export function appendCsv(path: string, columns: readonly string[], record: MetricsRecord): void {
  const unknown = Object.keys(record).filter((key) => !columns.includes(key));
  if (unknown.length > 0) {
    throw new MetricsFileError(
      `${path}: no column for ${unknown.join(', ')}; columns: ${columns.join(', ')}`,
    );
  }
  const header = csvRow(columns, Object.fromEntries(columns.map((c) => [c, c])));
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (existing === '') {
    appendFileSync(path, `${header}\n${csvRow(columns, record)}\n`);
    return;
  }
  const end = existing.indexOf('\n');
  const firstLine = end < 0 ? existing : existing.slice(0, end);
  if (firstLine !== header) {
    throw new MetricsFileError(
      `${path}: its header is '${firstLine}', but the rows being added have columns '${header}'`,
    );
  }
  appendFileSync(path, `${csvRow(columns, record)}\n`);
}

/**
 * Appends one record to both `metrics.jsonl` and `metrics.csv` in a run folder, the two
 * metrics files of every run.
 *
 * @example
 * ```ts
 * import { appendMetrics, EPOCH_COLUMNS } from '@tessera/cli';
 *
 * appendMetrics('runs/lenet5', EPOCH_COLUMNS, { epoch: 1, trainLoss: 0.31, valError: 0.02 });
 * ```
 */
export function appendMetrics(
  folder: string,
  columns: readonly string[],
  record: MetricsRecord,
): void {
  appendCsv(join(folder, 'metrics.csv'), columns, record);
  appendJsonl(join(folder, 'metrics.jsonl'), record);
}
