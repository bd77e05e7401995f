// Replaces the `constructor` of %FunctionPrototype%, %Generator%, %AsyncFunctionPrototype% and
// %AsyncGenerator% with inert functions that throw, so that `(function(){}).constructor('code')`
// and its generator/async variants cannot evaluate code outside a compartment's control.
// Side effect: redefines those four `constructor` properties. The host's `Function` global is not
// touched here (evalTaming decides what the start compartment's evaluators are).
import { markOwn } from './own-functions.js';
import {
  TypeError,
  defineProperty,
  getOwnPropertyDescriptor,
  setPrototypeOf,
} from '../commons.js';
import { codes, formatMessage } from '../errors.js';
import { lockdownFailure } from './failure.js';

/** Makes one inert constructor named `name` whose `prototype` is `prototype`. */
const makeInert = (name: string, prototype: object, parent: object): object => {
  const message = formatMessage(
    name,
    'not available: code evaluation through a function constructor is disabled after lockdown; use a Compartment',
    codes.FUNCTION_CONSTRUCTOR_DISABLED,
  );
  // A concise method is not a constructor, but `new (fn.constructor)()` must also fail with our
  // error rather than "not a constructor", so an ordinary strict function is used.
  const Inert = function () {
    throw new TypeError(message);
  };
  defineProperty(Inert, 'name', { value: name, writable: false, enumerable: false, configurable: true });
  defineProperty(Inert, 'length', { value: 1, writable: false, enumerable: false, configurable: true });
  defineProperty(Inert, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false });
  setPrototypeOf(Inert, parent);
  return markOwn(Inert);
};

/**
 * Installs the inert constructors and returns them by whitelist name. Each prototype's own
 * `constructor` data property is replaced; anything other than a data property there fails.
 */
export const tameFunctionConstructors = (found: {
  '%FunctionPrototype%': object;
  '%Generator%': object;
  '%AsyncFunctionPrototype%': object;
  '%AsyncGenerator%': object;
}): Record<string, object> => {
  const FunctionPrototype = found['%FunctionPrototype%'];
  const inertFunction = makeInert('Function', FunctionPrototype, FunctionPrototype);
  const result: Record<string, object> = {};
  const replace = (prototypeName: keyof typeof found, inertName: string, inert: object): void => {
    const prototype = found[prototypeName];
    const desc = getOwnPropertyDescriptor(prototype, 'constructor');
    if (desc === undefined || !('value' in desc)) {
      throw lockdownFailure('tame', `${prototypeName}.constructor`, 'expected a data property');
    }
    defineProperty(prototype, 'constructor', { value: inert, writable: desc.writable, enumerable: false, configurable: true });
    result[inertName] = inert;
  };
  replace('%FunctionPrototype%', '%InertFunction%', inertFunction);
  const others: [keyof typeof found, string, string][] = [
    ['%Generator%', '%InertGeneratorFunction%', 'GeneratorFunction'],
    ['%AsyncFunctionPrototype%', '%InertAsyncFunction%', 'AsyncFunction'],
    ['%AsyncGenerator%', '%InertAsyncGeneratorFunction%', 'AsyncGeneratorFunction'],
  ];
  for (let i = 0; i < others.length; i += 1) {
    const prototypeName = others[i]![0];
    const inertName = others[i]![1];
    const ctorName = others[i]![2];
    replace(prototypeName, inertName, makeInert(ctorName, found[prototypeName], inertFunction));
  }
  return result;
};
