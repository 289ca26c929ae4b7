import {
  type Aval,
  add,
  bind,
  type MainTrace,
  type Primitive,
  type PrimitiveParams,
  Tensor,
  Trace,
  withNewMain,
  zerosLike,
} from '@tessera/tensor';
import { equalStructure, flatten, map, type Tree, unflatten } from '@tessera/tree';
import { DifferentiationError } from './errors.js';
import { PrimalTracer } from './primal-tracer.js';
import { rules } from './rules.js';
import { flattenReal, type TensorTree } from './tensors.js';

/**
 * One recorded step of a reverse-mode level: how to send the output's cotangent to the
 * inputs' nodes. `inputs[i]` is the node of argument `i`, or -1 for a value that does not
 * depend on the level's inputs.
 */
export interface TapeEntry {
  readonly inputs: readonly number[];
  readonly backward: (cotangent: Tensor) => readonly (Tensor | undefined)[];
}

/** The record of one reverse-mode level: entry `n` produced node `n`. */
export class Tape {
  readonly entries: TapeEntry[] = [];
  /** Appends an entry and returns the node it produces. */
  record(entry: TapeEntry): number {
    this.entries.push(entry);
    return this.entries.length - 1;
  }
}

/** A value in reverse mode: its primal and the tape node that produced it. */
export class VjpTracer extends PrimalTracer {
  constructor(
    readonly trace: VjpTrace,
    readonly primal: Tensor,
    readonly node: number,
  ) {
    super();
  }
  /** A value no input reaches carries nothing for this level: drop the level. */
  override fullLower(): Tensor {
    return this.node < 0 ? this.primal : this;
  }
}

const inputEntry: TapeEntry = { inputs: [], backward: () => [] };

/**
 * The reverse-mode level: evaluates each primitive on the primals and records, on the tape,
 * the transposes of its partial derivatives at that point. Only values that depend on the
 * level's inputs are recorded; integer and bool results carry no derivative.
 */
export class VjpTrace extends Trace {
  readonly tape = new Tape();
  pure(value: Tensor): Tensor {
    return new VjpTracer(this, value, -1);
  }
  lift(value: Tensor): Tensor {
    return new VjpTracer(this, value, -1);
  }
  /** A tracer for an input of the level: a leaf of the tape. */
  input(value: Tensor): VjpTracer {
    return new VjpTracer(this, value, this.tape.record(inputEntry));
  }
  processPrimitive<P extends Primitive>(
    primitive: P,
    tracers: readonly Tensor[],
    params: PrimitiveParams[P],
    out: Aval,
  ): Tensor {
    const args = tracers as readonly VjpTracer[];
    const primals = args.map((t) => t.primal);
    const value = bind(primitive, primals, params);
    const inputs = args.map((t) => t.node);
    if (inputs.every((n) => n < 0) || (out.dtype !== 'float32' && out.dtype !== 'float64')) {
      return value;
    }
    const node = this.tape.record({
      inputs,
      backward: (ct) => {
        const partials = rules[primitive](primals, params, value);
        return inputs.map((n, i) => (n < 0 ? undefined : partials[i]?.vjp(ct)));
      },
    });
    return new VjpTracer(this, value, node);
  }
}

/** The tape node of `value` at level `main`, or -1 when it does not depend on the inputs. */
export function nodeAt(main: MainTrace, value: Tensor): number {
  return value instanceof VjpTracer && value.trace.main === main ? value.node : -1;
}

/** The primal of `value` at level `main`. */
export function primalOf(main: MainTrace, value: Tensor): Tensor {
  return value instanceof VjpTracer && value.trace.main === main ? value.primal : value;
}

/**
 * Runs the tape backwards from cotangents seeded at some nodes, and returns the cotangents
 * accumulated at `wanted` nodes (`undefined` where nothing arrived).
 */
export function backpropagate(
  tape: Tape,
  seeds: readonly (readonly [number, Tensor])[],
  wanted: readonly number[],
): (Tensor | undefined)[] {
  const cts = new Array<Tensor | undefined>(tape.entries.length);
  const accumulate = (node: number, ct: Tensor): void => {
    const prev = cts[node];
    cts[node] = prev === undefined ? ct : add(prev, ct);
  };
  for (const [node, ct] of seeds) accumulate(node, ct);
  const first = Math.min(...wanted, tape.entries.length);
  for (let node = tape.entries.length - 1; node > first; node--) {
    const ct = cts[node];
    if (ct === undefined) continue;
    const entry = tape.entries[node]!;
    const contributions = entry.backward(ct);
    entry.inputs.forEach((input, i) => {
      const c = contributions[i];
      if (input >= 0 && c !== undefined) accumulate(input, c);
    });
    // A cotangent is final once its producer ran: free it early, except at the inputs.
    if (entry.inputs.length > 0) cts[node] = undefined;
  }
  return wanted.map((n) => cts[n]);
}

/** The pullback returned by {@link vjp}: output cotangents in, one cotangent per argument out. */
export type Pullback<Args extends readonly unknown[], Out> = (cotangent: Out) => {
  -readonly [K in keyof Args]: Args[K];
};

/**
 * Reverse mode: evaluates `f` at `primals` and returns `[outputs, pullback]`, as JAX's `vjp`.
 * The pullback maps a cotangent shaped like the outputs to one cotangent per argument, shaped
 * like that argument (zeros where the output does not depend on it). It can be called many
 * times, and inside other transformations: its work is made of tensor ops.
 *
 * @example
 * ```ts
 * const [y, pullback] = vjp((x) => sum(mul(x, x)), tensor([1, 2]));
 * pullback(tensor(1)); // [tensor([2, 4])]
 * ```
 */
export function vjp<Args extends readonly unknown[], Out>(
  f: (...args: Args) => Out,
  ...primals: Args
): [Out, Pullback<Args, Out>] {
  const [out, pullback] = vjpWithAux((...args: Args) => [f(...args), null] as const, primals);
  return [out, pullback];
}

/**
 * {@link vjp} of a function that returns `[output, aux]`: the auxiliary data comes back as
 * values, with this level's tracing removed, and is not differentiated.
 *
 * @example
 * ```ts
 * const [y, pullback, aux] = vjpWithAux((x) => [sum(x), { n: x.size }] as const, [x]);
 * ```
 */
export function vjpWithAux<Args extends readonly unknown[], Out, Aux>(
  f: (...args: Args) => readonly [Out, Aux],
  primals: Args,
): [Out, Pullback<Args, Out>, Aux] {
  const [primalLeaves, structure] = flattenReal('vjp', 'primal', primals as readonly TensorTree[]);
  return withNewMain(
    (main) => new VjpTrace(main),
    (main) => {
      const trace = main.trace as VjpTrace;
      const inputs = primalLeaves.map((p) => trace.input(p));
      const [out, aux] = f(...(unflatten(structure, inputs) as unknown as Args));
      const [outLeaves, outStructure] = flatten<Tensor>(out as TensorTree);
      const ys = outLeaves.map((y) => primalOf(main, y));
      const outNodes = outLeaves.map((y) => nodeAt(main, y));
      const pullback = (cotangent: Out) => {
        const [ctLeaves, ctStructure] = flatten<Tensor>(cotangent as TensorTree);
        if (!equalStructure(ctStructure, outStructure)) {
          throw new DifferentiationError(
            `vjp: cotangent ${String(ctStructure)} does not match the output ${String(outStructure)}`,
          );
        }
        ctLeaves.forEach((ct, i) => {
          const y = ys[i]!;
          if (ct.shape.join() !== y.shape.join() || ct.dtype !== y.dtype) {
            throw new DifferentiationError(
              `vjp: cotangent ${i} is ${ct.dtype}[${ct.shape.join(',')}] but the output is ${y.dtype}[${y.shape.join(',')}]`,
            );
          }
        });
        const seeds = outNodes.flatMap((n, i) => (n >= 0 ? [[n, ctLeaves[i]!] as const] : []));
        const grads = backpropagate(
          trace.tape,
          seeds,
          inputs.map((t) => t.node),
        ).map((g, i) => g ?? zerosLike(primalLeaves[i]!));
        return unflatten(structure, grads) as unknown as { -readonly [K in keyof Args]: Args[K] };
      };
      const lowered = map(aux as Tree<unknown>, (leaf) =>
        leaf instanceof Tensor ? primalOf(main, leaf) : leaf,
      ) as Aux;
      return [unflatten(outStructure, ys) as Out, pullback, lowered];
    },
  );
}
