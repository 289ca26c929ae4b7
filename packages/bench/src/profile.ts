/**
 * `pnpm --filter @tessera/bench profile [lenet5-modern|lenet5] [batch] [threads]`: where a
 * LeNet-5 training step spends its time, per backend method, op and shapes, measured by
 * wrapping the gpujs backend in a timer (medians are not needed: the table is a breakdown of
 * 5 steps after 3 warm-up steps).
 */
import { type Backend, createGpujsBackend } from '@tessera/kernels';
import { lenet5, lenet5Modern, makeTrainStep } from '@tessera/models';
import { type OptState, sgd, type TensorTree } from '@tessera/optim';
import { key } from '@tessera/random';
import { tensor, withBackend } from '@tessera/tensor';
import { syntheticBatch } from './batch.js';

type Totals = Map<string, { ms: number; calls: number }>;

function isArray(a: unknown): a is { readonly shape: readonly number[] } {
  return typeof a === 'object' && a !== null && 'shape' in a && 'data' in a;
}

/** `backend` with every method call timed into `totals`, keyed by method, op and shapes. */
function timed(backend: Backend, totals: Totals): Backend {
  return new Proxy(backend, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const op = typeof args[0] === 'string' ? `:${args[0]}` : '';
        const shapes = args.filter(isArray).map((a) => a.shape.join('x'));
        const label = `${String(prop)}${op} ${shapes.join(',')}`;
        const start = performance.now();
        const out: unknown = value.apply(target, args);
        const t = totals.get(label) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - start;
        t.calls++;
        totals.set(label, t);
        return out;
      };
    },
  });
}

const [name = 'lenet5-modern', batchText = '128', threadsText = '1'] = process.argv.slice(2);
const batch = Number(batchText);
const model = name === 'lenet5' ? lenet5() : lenet5Modern();
const totals: Totals = new Map();
const gpujs = createGpujsBackend({ threads: Number(threadsText) });
const runs = 5;
withBackend(timed(gpujs, totals), () => {
  const optimizer = sgd(0.01);
  const step = makeTrainStep(model, optimizer);
  const data = syntheticBatch(batch, 32);
  const images = tensor(data.images, { shape: [batch, 1, 32, 32] });
  const labels = tensor(data.labels, { shape: [batch], dtype: 'int32' });
  let params = model.layer.init(key(0), model.inputShape)[1];
  let state: OptState = optimizer.init(params as TensorTree);
  const once = (i: number) => {
    ({ params, optState: state } = step(params, state, { images, labels }, key(i)));
  };
  for (let i = 0; i < 3; i++) once(i);
  totals.clear();
  const start = performance.now();
  for (let i = 0; i < runs; i++) once(i);
  const total = (performance.now() - start) / runs;
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const inside = rows.reduce((s, [, t]) => s + t.ms, 0) / runs;
  console.log(
    `${name} batch ${batch}, ${threadsText} thread(s): step ${total.toFixed(1)} ms (${((batch * 1000) / total).toFixed(0)} img/s), ${inside.toFixed(1)} ms inside the backend`,
  );
  for (const [label, t] of rows.slice(0, 40)) {
    console.log(
      `${(t.ms / runs).toFixed(2).padStart(8)} ms ${String(t.calls / runs).padStart(4)}x  ${label}`,
    );
  }
});
gpujs.dispose();
