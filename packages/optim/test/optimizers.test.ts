// One step (and a second, to exercise the state) of every optimizer against its formula,
// computed here element by element with plain JS numbers; the tensors are float64.
import { describe, it } from 'vitest';
import {
  adagrad,
  adam,
  adamax,
  adamw,
  type GradientTransformation,
  rmsprop,
  type Schedule,
  sdlm,
  sgd,
  type TensorTree,
} from '../src/index.js';
import { expectClose, f64, flatNumbers, step } from './helpers.js';

const params0: TensorTree = {
  b: f64([-0.3]),
  w: f64([
    [0.5, -1.5],
    [2, 0.25],
  ]),
};
const gradients: TensorTree[] = [
  {
    b: f64([0.7]),
    w: f64([
      [0.1, -0.2],
      [3, -0.05],
    ]),
  },
  {
    b: f64([-0.4]),
    w: f64([
      [0.3, 0.6],
      [-1, 0],
    ]),
  },
];
// Curvature estimates for sdlm: one with the first update, none with the second, one with the third.
const curvatures: (TensorTree | undefined)[] = [
  {
    b: f64([2]),
    w: f64([
      [0.5, 4],
      [0, 1],
    ]),
  },
  undefined,
  {
    b: f64([1]),
    w: f64([
      [1, 1],
      [3, 0.1],
    ]),
  },
];
gradients.push({
  b: f64([0.2]),
  w: f64([
    [-0.3, 0.1],
    [0.5, 2],
  ]),
});

/** A step rule for one scalar parameter: its value after each update, given the gradients. */
type ByHand = (w0: number, gs: readonly number[], hs: readonly (number | undefined)[]) => number[];

/** A schedule that changes at every step, to check that update k uses schedule(k - 1). */
const decaying: Schedule = (count) => 0.1 / (1 + count);

const cases: { name: string; make: () => GradientTransformation; byHand: ByHand }[] = [
  {
    name: 'sgd: w <- w - lr g',
    make: () => sgd(0.1),
    byHand: (w, gs) =>
      gs.map((g) => {
        w -= 0.1 * g;
        return w;
      }),
  },
  {
    name: 'sgd with momentum: v <- mu v + g; w <- w - lr v',
    make: () => sgd(0.1, { momentum: 0.9 }),
    byHand: (w, gs) => {
      let v = 0;
      return gs.map((g) => {
        v = 0.9 * v + g;
        w -= 0.1 * v;
        return w;
      });
    },
  },
  {
    name: 'sgd with Nesterov momentum: v <- mu v + g; w <- w - lr (g + mu v)',
    make: () => sgd(0.1, { momentum: 0.9, nesterov: true }),
    byHand: (w, gs) => {
      let v = 0;
      return gs.map((g) => {
        v = 0.9 * v + g;
        w -= 0.1 * (g + 0.9 * v);
        return w;
      });
    },
  },
  {
    name: 'sgd with a schedule: w <- w - lr(t - 1) g',
    make: () => sgd(decaying),
    byHand: (w, gs) =>
      gs.map((g, t) => {
        w -= decaying(t) * g;
        return w;
      }),
  },
  {
    name: 'adagrad: G <- G + g^2; w <- w - lr g / (sqrt(G) + eps)',
    make: () => adagrad(0.5, { initialAccumulatorValue: 0.1, eps: 1e-7 }),
    byHand: (w, gs) => {
      let sum = 0.1;
      return gs.map((g) => {
        sum += g * g;
        w -= (0.5 * g) / (Math.sqrt(sum) + 1e-7);
        return w;
      });
    },
  },
  {
    name: 'rmsprop: nu <- rho nu + (1 - rho) g^2; w <- w - lr g / (sqrt(nu) + eps)',
    make: () => rmsprop(0.01, { decay: 0.9, eps: 1e-8 }),
    byHand: (w, gs) => {
      let nu = 0;
      return gs.map((g) => {
        nu = 0.9 * nu + 0.1 * g * g;
        w -= (0.01 * g) / (Math.sqrt(nu) + 1e-8);
        return w;
      });
    },
  },
  {
    name: 'rmsprop with momentum: v <- mu v + g / (sqrt(nu) + eps); w <- w - lr v',
    make: () => rmsprop(0.01, { decay: 0.95, eps: 1e-6, initialScale: 0.5, momentum: 0.8 }),
    byHand: (w, gs) => {
      let nu = 0.5;
      let v = 0;
      return gs.map((g) => {
        nu = 0.95 * nu + 0.05 * g * g;
        v = 0.8 * v + g / (Math.sqrt(nu) + 1e-6);
        w -= 0.01 * v;
        return w;
      });
    },
  },
  {
    name: 'adam: bias-corrected moments, w <- w - lr mHat / (sqrt(vHat) + eps)',
    make: () => adam(decaying, { b1: 0.9, b2: 0.999, eps: 1e-8 }),
    byHand: (w, gs) => adamByHand(w, gs, decaying, 0),
  },
  {
    name: 'adamw: w <- w - lr (mHat / (sqrt(vHat) + eps) + lambda w)',
    make: () => adamw(0.01, { weightDecay: 0.1 }),
    byHand: (w, gs) => adamByHand(w, gs, () => 0.01, 0.1),
  },
  {
    name: 'adamax: u <- max(b2 u, |g| + eps); w <- w - lr m / (1 - b1^t) / u',
    make: () => adamax(0.002, { b1: 0.8, b2: 0.99, eps: 1e-8 }),
    byHand: (w, gs) => {
      let m = 0;
      let u = 0;
      return gs.map((g, i) => {
        const t = i + 1;
        m = 0.8 * m + 0.2 * g;
        u = Math.max(0.99 * u, Math.abs(g) + 1e-8);
        w -= (0.002 * (m / (1 - 0.8 ** t))) / u;
        return w;
      });
    },
  },
  {
    name: 'sdlm: h <- (1 - a) h + a estimate, a = max(gamma, 1/n); w <- w - eta g / (mu + h)',
    make: () => sdlm(0.05, { damping: 0.02, curvatureWeight: 0.3 }),
    byHand: (w, gs, hs) => {
      let h = 0;
      let n = 0;
      return gs.map((g, i) => {
        const estimate = hs[i];
        if (estimate !== undefined) {
          const a = Math.max(0.3, 1 / ++n);
          h = (1 - a) * h + a * estimate;
        }
        w -= (0.05 * g) / (0.02 + h);
        return w;
      });
    },
  },
];

function adamByHand(w: number, gs: readonly number[], lr: Schedule, decay: number): number[] {
  let m = 0;
  let v = 0;
  return gs.map((g, i) => {
    const t = i + 1;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    const mHat = m / (1 - 0.9 ** t);
    const vHat = v / (1 - 0.999 ** t);
    w -= lr(i) * (mHat / (Math.sqrt(vHat) + 1e-8) + decay * w);
    return w;
  });
}

describe('every optimizer against its formula by hand', () => {
  it.each(cases)('$name', ({ make, byHand }) => {
    const optimizer = make();
    let params: TensorTree = params0;
    let state = optimizer.init(params);
    const steps = gradients.map((grads, i) => {
      const curvature = curvatures[i];
      [params, state] = step(optimizer, params, state, grads, curvature ? { curvature } : {});
      return flatNumbers(params);
    });
    const expected = flatNumbers(params0).map((w0, k) =>
      byHand(
        w0,
        gradients.map((g) => flatNumbers(g)[k]!),
        curvatures.map((h) => (h === undefined ? undefined : flatNumbers(h)[k])),
      ),
    );
    steps.forEach((actual, t) => {
      expectClose(
        actual,
        expected.map((trajectory) => trajectory[t]!),
      );
    });
  });
});
