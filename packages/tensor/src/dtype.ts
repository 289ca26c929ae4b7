import type { DType } from '@tessera/kernels';
import { DTypeError } from './errors.js';

/** The dtype of tensors made without an explicit `dtype`. */
export const DEFAULT_DTYPE: DType = 'float32';

/** Throws unless `dtype` is floating: ops such as `exp` are defined on reals only. */
export function requireFloating(op: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`${op}: expected a floating dtype (float32 or float64), got ${dtype}`);
  }
}

/** Throws unless `dtype` is numeric (not `bool`). */
export function requireNumeric(op: string, dtype: DType): void {
  if (dtype === 'bool') {
    throw new DTypeError(`${op}: expected a numeric dtype, got bool; cast it with astype first`);
  }
}

/** Throws unless all dtypes are equal: Tessera never promotes silently. */
export function requireSameDType(op: string, dtypes: readonly DType[]): DType {
  const first = dtypes[0]!;
  for (const d of dtypes) {
    if (d !== first) {
      throw new DTypeError(
        `${op}: dtypes ${dtypes.join(' and ')} differ; convert one with astype(x, dtype)`,
      );
    }
  }
  return first;
}
