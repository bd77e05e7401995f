// Finds the intrinsics that no global names: they are reachable only through syntax (generator
// functions, iterators, the %ThrowTypeError% accessor) or by walking. Returns them by their
// whitelist name; entries the engine does not have are left out. Reads only; no side effects.
// Assumes ES2022 output, so the generator and async syntax below reaches the real intrinsics.
import {
  Array,
  Map,
  RegExp,
  Symbol,
  Set,
  String,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  iteratorSymbol,
  mapEntries,
  setValues,
  IteratorConstructor,
  unscopablesSymbol,
  TypedArray,
  TypedArrayPrototype,
  apply,
  isObject,
  Object as Object_,
} from '../commons.js';

/** Returns every anonymous intrinsic this engine has, keyed by its whitelist name. */
export const getAnonymousIntrinsics = (): Record<string, object> => {
  const found: Record<string, object> = { __proto__: null } as unknown as Record<string, object>;
  const add = (name: string, value: unknown): void => {
    if (isObject(value)) found[name] = value;
  };

  // %ThrowTypeError%: the poison-pill getter of strict arguments.callee and Function.prototype.caller.
  // Module code is strict, so this `arguments` object is a strict one.
  const strictArguments = (function argumentsOf(): IArguments {
    // eslint-disable-next-line prefer-rest-params -- we want the arguments object itself
    return arguments;
  })();
  add('%ThrowTypeError%', getOwnPropertyDescriptor(strictArguments, 'callee')?.get);

  // Syntax anchors: prototypes that literals and the engine itself create objects with. Binding
  // them here, from syntax rather than from globals, means that a global replaced before lockdown
  // (say a fake `Array` whose `prototype` is a decoy) disagrees with the real prototype and fails
  // the whitelist's identity checks loudly, instead of leaving the real one unfrozen.
  add('%ObjectPrototype%', getPrototypeOf({}));
  add('%ArrayPrototype%', getPrototypeOf([]));
  add('%FunctionPrototype%', getPrototypeOf(function anchor() {}));
  add('%StringPrototype%', getPrototypeOf(Object_('')));
  add('%NumberPrototype%', getPrototypeOf(Object_(0)));
  add('%BooleanPrototype%', getPrototypeOf(Object_(true)));
  add('%BigIntPrototype%', getPrototypeOf(Object_(0n)));
  add('%RegExpPrototype%', getPrototypeOf(/anchor/));
  add('%PromisePrototype%', getPrototypeOf((async () => {})()));
  const engineError = (thrower: () => unknown): object | undefined => {
    try {
      thrower();
    } catch (error) {
      return isObject(error) ? getPrototypeOf(error) : undefined;
    }
    return undefined;
  };
  // Errors the engine throws by itself, without calling any (replaceable) method.
  add('%TypeErrorPrototype%', engineError(() => (null as unknown as { x: unknown }).x));
  add('%RangeErrorPrototype%', engineError(() => new Array<unknown>(-1)));
  add('%ReferenceErrorPrototype%', engineError(() => {
    // eslint-disable-next-line @typescript-eslint/ban-ts-comment
    // @ts-ignore -- a deliberately unbound name, read in strict module code: a ReferenceError
    return permafrostAnchorUnboundName;
  }));
  add('%TypedArray%', TypedArray);
  add('%TypedArrayPrototype%', TypedArrayPrototype);

  // Iterator prototypes of the built-in collections and strings.
  const arrayIterator = new Array<unknown>()[iteratorSymbol]();
  const ArrayIteratorPrototype = getPrototypeOf(arrayIterator);
  add('%ArrayIteratorPrototype%', ArrayIteratorPrototype);
  const IteratorPrototype = getPrototypeOf(ArrayIteratorPrototype);
  add('%IteratorPrototype%', IteratorPrototype);
  add('%MapIteratorPrototype%', getPrototypeOf(mapEntries(new Map())));
  add('%SetIteratorPrototype%', getPrototypeOf(setValues(new Set())));
  add('%StringIteratorPrototype%', getPrototypeOf(new String('')[iteratorSymbol]()));
  add('%RegExpStringIteratorPrototype%', getPrototypeOf(apply(RegExp.prototype[Symbol.matchAll], /a/g, ['a'])));
  add('%ArrayProtoUnscopables%', (new Array<unknown>() as unknown as Record<symbol, unknown>)[unscopablesSymbol]);

  // Generators and async functions, by syntax. The constructors found here are the originals;
  // tameFunctionConstructors replaces what `.constructor` reaches.
  function* aGenerator(): Generator<never, void, unknown> {}
  async function anAsyncFunction(): Promise<void> {}
  async function* anAsyncGenerator(): AsyncGenerator<never, void, unknown> {}
  const Generator = getPrototypeOf(aGenerator);
  add('%Generator%', Generator);
  add('%GeneratorPrototype%', Generator.prototype);
  add('%AsyncFunctionPrototype%', getPrototypeOf(anAsyncFunction));
  const AsyncGenerator = getPrototypeOf(anAsyncGenerator);
  add('%AsyncGenerator%', AsyncGenerator);
  add('%AsyncGeneratorPrototype%', AsyncGenerator.prototype);
  add('%AsyncIteratorPrototype%', getPrototypeOf(AsyncGenerator.prototype));
  // %AsyncFromSyncIteratorPrototype% is never exposed to ECMAScript code (spec 27.1.6: its objects
  // are only reachable by the engine's own `for await` machinery), so there is nothing to collect.

  // Iterator helpers (ES2025), where the engine has them.
  const iteratorMap = (IteratorPrototype as { map?: (this: unknown, f: (x: unknown) => unknown) => unknown }).map;
  if (typeof iteratorMap === 'function') {
    add('%IteratorHelperPrototype%', getPrototypeOf(apply(iteratorMap, arrayIterator, [(x: unknown) => x])));
  }
  if (IteratorConstructor !== undefined && typeof IteratorConstructor.from === 'function') {
    // Iterator.from wraps an iterator that does not inherit from %IteratorPrototype%.
    const bare = { next: () => ({ done: true, value: undefined }) };
    add('%WrapForValidIteratorPrototype%', getPrototypeOf(IteratorConstructor.from(bare)));
  }
  return found;
};
