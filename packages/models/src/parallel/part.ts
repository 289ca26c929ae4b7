/**
 * The loss and gradient of one part of a batch, on plain arrays: what every thread of a
 * data-parallel step computes, the training thread included.
 */
import { valueAndGrad } from '@tessera/autodiff';
import { Key } from '@tessera/random';
import { type Tensor, tensor } from '@tessera/tensor';
import { flatten, type Tree, unflatten } from '@tessera/tree';
import type { Model } from '../model.js';
import type { GradientAnswer, GradientRequest, Plain } from './protocol.js';

/** The loss and gradient of a part, given as plain arrays. */
export type PartLoss = (request: GradientRequest) => GradientAnswer;

/** A tensor's plain form (its data copied). */
export function plain(t: Tensor): Plain {
  return { data: t.data() as Plain['data'], shape: [...t.shape] };
}

/** The tensor of a plain form. */
export function fromPlain(p: Plain): Tensor {
  return tensor(p.data, { shape: p.shape });
}

/** `model`'s part loss: parameters are rebuilt on the structure of `model`'s own. */
export function partLoss(model: Model): PartLoss {
  const [, template] = model.layer.init(new Key(0, 0), model.inputShape);
  const [, structure] = flatten(template as Tree<Tensor>);
  const lossAndGrad = valueAndGrad((params: unknown, images: Tensor, labels: Tensor, k: Key) =>
    model.loss(model.layer.apply(params, images, { key: k, train: true }), labels),
  );
  return (request) => {
    const params = unflatten(structure, request.params.map(fromPlain));
    const [loss, grads] = lossAndGrad(
      params,
      fromPlain(request.images),
      fromPlain(request.labels),
      new Key(request.key[0], request.key[1]),
    );
    const [leaves] = flatten(grads as Tree<Tensor>);
    return { loss: loss.item(), grads: leaves.map(plain) };
  };
}
