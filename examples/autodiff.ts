// Forward and reverse mode on functions small enough to differentiate by hand; every number
// printed here is worked out in docs/autodiff.md. Run: pnpm --filter @tessera/examples autodiff
import {
  checkGrads,
  customVjp,
  GradientCheckError,
  grad,
  hessian,
  hvp,
  jacfwd,
  jacrev,
  jvp,
  valueAndGrad,
  vjp,
} from '@tessera/autodiff';
import {
  add,
  mean,
  mul,
  reshape,
  square,
  stack,
  sub,
  sum,
  type Tensor,
  take,
  tensor,
} from '@tessera/tensor';
import { runIfMain } from './lib.js';

// --- jvp: forward mode ---------------------------------------------------------------------

/** f(x) = x^3 + 2x, so f'(x) = 3x^2 + 2. */
export const cubic = (x: Tensor) => add(mul(x, square(x)), mul(x, 2));

/** g(x, y) = x^2 y, so dg/dx = 2xy and dg/dy = x^2. */
export const g = (x: Tensor, y: Tensor) => mul(square(x), y);

// --- vjp: reverse mode ---------------------------------------------------------------------

/** h(a, b) = [a b, a + b^2]: two outputs, two inputs; its Jacobian is [[b, a], [1, 2b]]. */
export const h = (a: Tensor, b: Tensor) => stack([mul(a, b), add(a, square(b))]);

// --- grad: a least-squares loss ------------------------------------------------------------

const xs = tensor([1, 2, 3]);
const ys = tensor([2, 4, 7]);
/** L(w) = mean((w x - y)^2) over three points, so dL/dw = mean(2 (w x - y) x). */
export const loss = (w: Tensor) => mean(square(sub(mul(w, xs), ys)));

// --- hessian and hvp -----------------------------------------------------------------------

/** q(x) = x0^2 x1 + x1^3 for x = [x0, x1]. */
export const q = (x: Tensor) => {
  const x0 = take(x, [0]);
  const x1 = take(x, [1]);
  return sum(add(mul(square(x0), x1), mul(x1, square(x1))));
};

/** Everything the tour computes, as printable lines (`name = value`). */
export function tour(): [string, string][] {
  const out: [string, string][] = [];
  const show = (name: string, value: Tensor | string) => out.push([name, String(value)]);

  // f(2) = 12 and f'(2) = 3 * 4 + 2 = 14, in one forward pass.
  const [y, dy] = jvp(cubic, [tensor(2)], [tensor(1)]);
  show('jvp cubic at 2: f', y);
  show("jvp cubic at 2: f'", dy);

  // At (3, 2): along (1, 0) the tangent is dg/dx = 2 * 3 * 2 = 12; along (0, 1) it is 9.
  const [, alongX] = jvp(g, [tensor(3), tensor(2)], [tensor(1), tensor(0)]);
  const [, alongY] = jvp(g, [tensor(3), tensor(2)], [tensor(0), tensor(1)]);
  show('jvp g at (3, 2) along (1, 0)', alongX);
  show('jvp g at (3, 2) along (0, 1)', alongY);

  // At (a, b) = (2, 3): h = [6, 11], J = [[3, 2], [1, 6]]; the pullback of c is c^T J.
  const [hOut, pullback] = vjp(h, tensor(2), tensor(3));
  show('h(2, 3)', hOut);
  for (const c of [
    [1, 0],
    [0, 1],
    [1, 1],
  ]) {
    const [da, db] = pullback(tensor(c));
    show(`vjp h, cotangent [${c}]`, `[${da!.item()}, ${db!.item()}]`);
  }
  // The whole Jacobian, column by column (forward) or row by row (reverse).
  const hOfVector = (v: Tensor) => reshape(h(take(v, [0]), take(v, [1])), [2]);
  show('jacfwd h at (2, 3)', jacfwd(hOfVector)(tensor([2, 3])));
  show('jacrev h at (2, 3)', jacrev(hOfVector)(tensor([2, 3])));

  // L(1) = ((1-2)^2 + (2-4)^2 + (3-7)^2) / 3 = 21/3 = 7;
  // dL/dw = 2 ((-1)(1) + (-2)(2) + (-4)(3)) / 3 = -34/3.
  const [value, slope] = valueAndGrad(loss)(tensor(1));
  show('L(1)', value);
  show("L'(1)", slope);
  // One step of gradient descent with rate 0.05 lowers the loss: w = 1 + 0.05 * 34/3.
  const w1 = sub(tensor(1), mul(slope, 0.05));
  show('w after one step', w1);
  show('L after one step', loss(w1));

  // Higher derivatives: nest grad. f''(x) = 6x, f'''(x) = 6.
  const d2 = grad(grad(cubic));
  const d3 = grad(grad(grad(cubic)));
  show("f''(2)", d2(tensor(2)));
  show("f'''(2)", d3(tensor(2)));

  // q at (1, 2): gradient [2 x0 x1, x0^2 + 3 x1^2] = [4, 13];
  // Hessian [[2 x1, 2 x0], [2 x0, 6 x1]] = [[4, 2], [2, 12]].
  const x = tensor([1, 2]);
  show('grad q at (1, 2)', grad(q)(x));
  show('hessian q at (1, 2)', hessian(q)(x));
  // H v without forming H: v = [1, 0] picks the first column, v = [1, 1] sums the columns.
  show('hvp q at (1, 2), v = [1, 0]', hvp(q, x, tensor([1, 0])));
  show('hvp q at (1, 2), v = [1, 1]', hvp(q, x, tensor([1, 1])));

  // checkGrads compares forward and reverse mode (and, with order 2, their derivatives)
  // with central differences in float64, and throws when they disagree.
  checkGrads(g, [tensor(3), tensor(2)], { order: 2 });
  checkGrads(q, [x], { order: 2 });
  show('checkGrads g and q (order 2)', 'passed');

  // A wrong derivative does not pass: this cube claims 2x^2 where 3x^2 is right.
  const badCube = customVjp(
    (t: Tensor) => mul(t, square(t)),
    (t: Tensor) => [mul(t, square(t)), t] as const,
    (t: Tensor, ct: Tensor) => [mul(ct, mul(square(t), 2))],
  );
  try {
    checkGrads((t: Tensor) => sum(badCube(t)), [tensor([2])], { modes: ['rev'] });
    show('checkGrads badCube', 'passed (unexpected)');
  } catch (error) {
    if (!(error instanceof GradientCheckError)) throw error;
    show('checkGrads badCube', error.message);
  }
  return out;
}

function main(): void {
  for (const [name, value] of tour()) console.log(`${name} = ${value}`);
}

runIfMain(import.meta.url, main);
