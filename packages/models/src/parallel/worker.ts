/**
 * The entry of a gradient thread: builds the model from its spec, then answers each request
 * with the loss and gradient of its part of the batch.
 */
import { serveSync } from '@tessera/kernels';
import type { Model } from '../model.js';
import { type PartLoss, partLoss } from './part.js';
import type { GradientAnswer, GradientRequest, GradientThreadData } from './protocol.js';

let ready: Promise<PartLoss> | undefined;

async function load(data: GradientThreadData): Promise<PartLoss> {
  const [{ createGpujsBackend, reference }, { setBackend }, module] = await Promise.all([
    import('@tessera/kernels'),
    import('@tessera/tensor'),
    import(data.spec.module) as Promise<Record<string, unknown>>,
  ]);
  setBackend(data.backend === 'gpujs' ? createGpujsBackend() : reference);
  const build = module[data.spec.name];
  if (typeof build !== 'function') {
    throw new Error(`${data.spec.module} has no export ${data.spec.name} to build a model with`);
  }
  return partLoss((build as (...args: readonly unknown[]) => Model)(...(data.spec.args ?? [])));
}

serveSync<GradientRequest, GradientAnswer, GradientThreadData>(async (request, data) => {
  ready ??= load(data);
  return (await ready)(request);
});
