// Makes Function.prototype.toString render Permafrost's own replacement functions (tamed Date
// methods, inert constructors, ...) as the built-ins they stand for,
// `function name() { [native code] }`, instead of revealing our source text (and so which shim
// runs, and its internals). Everything else renders as before. Side effect: replaces
// %FunctionPrototype%.toString, keeping its attributes.
import { defineProperty, functionToString, getOwnPropertyDescriptor } from '../commons.js';
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
      return functionToString(this);
    },
  };
  defineProperty(FunctionPrototype, 'toString', { ...desc, value: markOwn(toString) });
};
