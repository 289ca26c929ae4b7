import { astype, concat, reshape, type Tensor, tensor, zerosLike } from '@tessera/tensor';
import { DifferentiationError, GradientCheckError } from './errors.js';
import { jvp } from './jvp.js';
import { vjp } from './vjp.js';

/** Which modes {@link checkGrads} compares against finite differences. */
export type Mode = 'fwd' | 'rev';

/** Options of {@link checkGrads}. */
export interface CheckGradsOptions {
  /** Highest derivative order to check (1: first derivatives; 2: also their derivatives). Default 1. */
  readonly order?: number;
  /** Modes to check; default both. */
  readonly modes?: readonly Mode[];
  /** Central-difference step; default 1e-5. */
  readonly eps?: number;
  /** Relative tolerance; default 1e-6. */
  readonly rtol?: number;
  /** Absolute tolerance; default 1e-6. */
  readonly atol?: number;
  /** Seed of the fixed random directions used to check reverse mode and higher orders; default 0. */
  readonly seed?: number;
}

/** Deterministic values in [-1, 1) from a seed (xorshift32): the checker's own directions. */
function directions(seed: number, n: number, shape: readonly number[]): Tensor {
  let s = (seed * 2654435761 + 1) >>> 0 || 1;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return tensor(data, { shape });
}

function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    out[a] = index % shape[a]!;
    index = Math.floor(index / shape[a]!);
  }
  return out;
}

function shifted(args: readonly Tensor[], arg: number, element: number, delta: number): Tensor[] {
  return args.map((x, a) => {
    if (a !== arg) return x;
    const data = Float64Array.from(x.data());
    data[element]! += delta;
    return tensor(data, { shape: x.shape });
  });
}

function unitAt(x: Tensor, element: number): Tensor {
  const data = new Float64Array(x.size);
  data[element] = 1;
  return tensor(data, { shape: x.shape });
}

interface Settings {
  readonly eps: number;
  readonly rtol: number;
  readonly atol: number;
  readonly seed: number;
  readonly modes: readonly Mode[];
}

function compare(
  what: string,
  args: readonly Tensor[],
  arg: number,
  element: number,
  expected: number,
  actual: number,
  s: Settings,
): void {
  if (Math.abs(actual - expected) <= s.atol + s.rtol * Math.abs(expected)) return;
  const at = `[${unravel(element, args[arg]!.shape).join(',')}]`;
  throw new GradientCheckError(
    `checkGrads: ${what}: argument ${arg}, element ${at}: expected ${expected} (central differences), got ${actual}`,
  );
}

function checkFirstOrder(
  f: (...args: Tensor[]) => Tensor,
  args: readonly Tensor[],
  s: Settings,
  label: string,
): void {
  const out = f(...args);
  const u = directions(s.seed + 1, out.size, out.shape);
  const reverse = s.modes.includes('rev') ? vjp(f, ...args)[1](u) : [];
  args.forEach((x, arg) => {
    for (let element = 0; element < x.size; element++) {
      const plus = f(...shifted(args, arg, element, s.eps)).data();
      const minus = f(...shifted(args, arg, element, -s.eps)).data();
      const column = Array.from(plus, (p, j) => (p - minus[j]!) / (2 * s.eps));
      if (s.modes.includes('fwd')) {
        const tangents = args.map((y, a) => (a === arg ? unitAt(y, element) : zerosLike(y)));
        const forward = jvp(f, [...args], tangents)[1].data();
        column.forEach((expected, j) => {
          compare(
            `${label}forward mode, output element ${j}`,
            args,
            arg,
            element,
            expected,
            forward[j]!,
            s,
          );
        });
      }
      if (s.modes.includes('rev')) {
        const ud = u.data();
        const expected = column.reduce((acc, c, j) => acc + c * ud[j]!, 0);
        compare(
          `${label}reverse mode`,
          args,
          arg,
          element,
          expected,
          reverse[arg]!.data()[element]!,
          s,
        );
      }
    }
  });
}

/**
 * Checks the derivatives of `f` at `args` against central finite differences in float64, like
 * JAX's `check_grads` and PyTorch's `gradcheck`: forward mode column by column, reverse mode
 * along a fixed random output direction, and with `order` > 1 the derivatives of those
 * derivatives (along fixed random directions). Arguments are converted to float64 first, so
 * `f` must work in float64. Throws a {@link GradientCheckError} naming the argument, the element,
 * the expected and the actual value.
 *
 * @example
 * ```ts
 * checkGrads((x, y) => sum(mul(tanh(x), y)), [tensor([0.5, -1]), tensor([2, 3])], { order: 2 });
 * ```
 */
export function checkGrads(
  f: (...args: Tensor[]) => Tensor,
  args: readonly Tensor[],
  options: CheckGradsOptions = {},
): void {
  const order = options.order ?? 1;
  if (!Number.isInteger(order) || order < 1)
    throw new DifferentiationError(`checkGrads: order must be a positive integer, got ${order}`);
  const settings: Settings = {
    eps: options.eps ?? 1e-5,
    rtol: options.rtol ?? 1e-6,
    atol: options.atol ?? 1e-6,
    seed: options.seed ?? 0,
    modes: options.modes ?? ['fwd', 'rev'],
  };
  check(
    f,
    args.map((x) => astype(x, 'float64')),
    order,
    settings,
    '',
  );
}

function check(
  f: (...args: Tensor[]) => Tensor,
  args: readonly Tensor[],
  order: number,
  s: Settings,
  label: string,
): void {
  checkFirstOrder(f, args, s, label);
  if (order === 1) return;
  const next = { ...s, seed: s.seed + 7 };
  if (s.modes.includes('fwd')) {
    // The directional derivative along fixed tangents is itself a function of the arguments.
    const tangents = args.map((x, a) => directions(s.seed + 11 + a, x.size, x.shape));
    const derivative = (...xs: Tensor[]) => jvp(f, xs, tangents)[1];
    check(derivative, args, order - 1, next, `${label}derivative of forward mode: `);
  }
  if (s.modes.includes('rev')) {
    // The pullback of a fixed cotangent, all arguments' parts joined into one vector.
    const out = f(...args);
    const u = directions(s.seed + 3, out.size, out.shape);
    const derivative = (...xs: Tensor[]) =>
      concat(vjp(f, ...xs)[1](u).map((g) => reshape(g, [-1])));
    check(derivative, args, order - 1, next, `${label}derivative of reverse mode: `);
  }
}
