import { CheckpointError } from './errors.js';

/**
 * A value that survives `JSON.stringify` and `JSON.parse` unchanged: no `undefined`, no
 * functions, no `NaN` or infinities (which JSON would turn into `null`).
 *
 * @example
 * ```ts
 * import type { JsonValue } from '@tessera/models';
 *
 * const history: JsonValue = [{ epoch: 1, loss: 0.31 }, { epoch: 2, loss: 0.12 }];
 * ```
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * A JSON object: what a checkpoint's configuration is.
 *
 * @example
 * ```ts
 * import type { JsonObject } from '@tessera/models';
 *
 * const config: JsonObject = { model: 'lenet5', lr: 0.001, batchSize: 32 };
 * ```
 */
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * Serialises `value` after checking that JSON keeps it exactly, so that a checkpoint never
 * comes back different from what was saved. `where` names the value in errors (`config`).
 */
export function stringifyExactly(value: unknown, where: string): string {
  checkJson(value, where);
  return JSON.stringify(value);
}

function checkJson(value: unknown, where: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CheckpointError(`checkpoint: ${where} is ${value}, which JSON cannot hold`);
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkJson(item, `${where}[${i}]`);
    });
    return;
  }
  if (typeof value === 'object' && isPlain(value)) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${where}.${key}`);
    return;
  }
  throw new CheckpointError(
    `checkpoint: ${where} is ${describe(value)}, which JSON cannot hold; ` +
      'use null, booleans, finite numbers, strings, arrays and plain objects',
  );
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null)
    return `a ${value.constructor?.name ?? 'object'}`;
  return `a ${typeof value}`;
}

/** `JSON.parse` that names the metadata entry in a {@link CheckpointError} on failure. */
export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(
      `checkpoint: metadata ${where} is not valid JSON (${(error as Error).message})`,
    );
  }
}
