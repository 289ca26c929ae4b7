export { type CheckGradsOptions, checkGrads, type Mode } from './check-grads.js';
export {
  customJvp,
  customVjp,
  type JvpRule,
  stopGradient,
  type VjpBackward,
  type VjpForward,
} from './custom.js';
export { DifferentiationError, GradientCheckError } from './errors.js';
export { type Argnums, type GradOptions, type Grads, grad, valueAndGrad } from './grad.js';
export { hessian, hvp, type JacobianOptions, jacfwd, jacrev } from './jacobian.js';
export { JvpTrace, JvpTracer, jvp } from './jvp.js';
export { PrimalTracer } from './primal-tracer.js';
export { type Linear, type Partial, type Rule, rules } from './rules.js';
export type { TensorTree } from './tensors.js';
export {
  type Pullback,
  Tape,
  type TapeEntry,
  VjpTrace,
  VjpTracer,
  vjp,
  vjpWithAux,
} from './vjp.js';
