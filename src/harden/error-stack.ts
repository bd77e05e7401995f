// V8 12+ (Node 22 and later) gives errors, and objects passed to Error.captureStackTrace, an own
// `stack` accessor whose shared setter writes an internal slot that freezing does not protect: a
// hardened error would stay a message channel. As ses does, harden turns that accessor into a data
// property before freezing. Inert on engines without it. Side effect: redefines `stack` on `object`.
import { FERAL_STACK_GETTER, apply, defineProperty, getOwnPropertyDescriptor, objectHasOwn } from '../commons.js';
import { descriptor } from './descriptor.js';

const stackGetter = FERAL_STACK_GETTER;
const NO_ARGUMENTS: unknown[] = [];

/** True on engines whose errors carry the shared own `stack` accessor. */
export const hasFeralStackAccessor = stackGetter !== undefined;

/**
 * If `object` has its own configurable `stack` accessor with the engine's shared getter, replaces
 * it by a data property holding what the getter returns now (the engine's own getter: the one
 * getter harden ever calls). Attributes other than the kind are kept; freeze then locks it.
 */
export const repairStackAccessor = (object: object): void => {
  if (stackGetter === undefined || !objectHasOwn(object, 'stack')) return;
  const desc = getOwnPropertyDescriptor(object, 'stack');
  if (desc === undefined || !objectHasOwn(desc, 'get') || desc.get !== stackGetter || !desc.configurable) return;
  defineProperty(object, 'stack', descriptor({ value: apply(stackGetter, object, NO_ARGUMENTS) }));
};
