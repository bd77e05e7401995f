// Restores the spec's restricted `caller` and `arguments` accessors on %FunctionPrototype%
// (§10.2.4 AddRestrictedFunctionProperties: both halves are %ThrowTypeError%). V8 14 replaced them
// with accessors whose getter walks the stack and returns a sloppy function's caller: a way for
// code to reach functions up its call stack. Side effect: redefines those two properties.
import { defineProperty, getOwnPropertyDescriptor } from '../commons.js';
import { lockdownFailure } from './failure.js';

export const tameFunctionRestrictedProperties = (
  FunctionPrototype: object,
  ThrowTypeError: (() => never) | object | undefined,
): void => {
  if (ThrowTypeError === undefined) throw lockdownFailure('tame', '%ThrowTypeError%', 'not found');
  const names = ['caller', 'arguments'] as const;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    const desc = getOwnPropertyDescriptor(FunctionPrototype, name);
    if (desc !== undefined && desc.get === ThrowTypeError && desc.set === ThrowTypeError) continue;
    if (desc !== undefined && !desc.configurable) {
      throw lockdownFailure('tame', `%FunctionPrototype%.${name}`, 'is not configurable and not %ThrowTypeError%');
    }
    const poison = ThrowTypeError as () => never;
    defineProperty(FunctionPrototype, name, { get: poison, set: poison, enumerable: false, configurable: true });
  }
};
