// Makes Function.prototype.toString render Permafrost's own replacement functions (tamed Date
// methods, inert constructors, ...) as the built-ins they stand for,
// `function name() { [native code] }`, instead of revealing our source text (and so which shim
// runs, and its internals), and guest functions compiled by a compartment's evaluator as their
// source text, without the rewrite (source-markers.ts). Everything else renders as before. Side effect: replaces
// %FunctionPrototype%.toString, keeping its attributes.
import { defineProperty, functionToString, getOwnPropertyDescriptor } from '../commons.js';
import { unmark } from '../compartment/source-markers.js';
import { lockdownFailure } from './failure.js';
import { isOwnFunction, markOwn } from './own-functions.js';

export const tameFunctionToString = (FunctionPrototype: object): void => {
  const desc = getOwnPropertyDescriptor(FunctionPrototype, 'toString');
  if (desc === undefined || !('value' in desc)) {
    throw lockdownFailure('tame', '%FunctionPrototype%.toString', 'expected a data property');
  }
  // A concise method: named "toString", length 0, not a constructor, like the original.
  const { toString } = {
    toString(this: unknown): string {
      if (isOwnFunction(this)) {
        const name = getOwnPropertyDescriptor(this as object, 'name');
        return `function ${typeof name?.value === 'string' ? name.value : ''}() { [native code] }`;
      }
      // Guest functions render as written, without what the evaluator inserted.
      return unmark(functionToString(this));
    },
  };
  defineProperty(FunctionPrototype, 'toString', { ...desc, value: markOwn(toString) });
};
