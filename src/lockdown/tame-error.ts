// Tames Error: %InitialError% (start compartment) and %SharedError% (every other compartment)
// construct ordinary errors with the original Error.prototype; V8's stack powers stay with the
// host, and %SharedError%'s stand-ins are inert and stateless. Under 'safe', `stack` reads ''
// (see error-stacks.ts). Side effects when called: rewires Error.prototype.constructor, the
// NativeErrors' [[Prototype]], and the original Error's `prepareStackTrace` (safe, unsafe).
import {
  AggregateError,
  EvalError,
  FERAL_ERROR,
  FERAL_STACK_GETTER,
  FERAL_STACK_SETTER,
  RangeError,
  ReferenceError,
  SuppressedError,
  SyntaxError,
  TypeError,
  URIError,
  apply,
  arrayForEach,
  arrayPush,
  construct,
  defineProperties,
  defineProperty,
  errorCaptureStackTrace,
  errorIsError,
  freeze,
  getOwnPropertyDescriptor,
  isObject,
  reflectDefineProperty,
  reflectGet,
  reflectSet,
  setPrototypeOf,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { makeV8Stacks, nativeFrames, type StackFiltering } from './error-stacks.js';

export type { StackFiltering } from './error-stacks.js';
export type ErrorTaming = 'safe' | 'unsafe' | 'unsafe-debug';

/** What tameError returns: the two Error constructors and the host's stack reader. */
export interface TamedErrorIntrinsics {
  '%InitialError%': ErrorConstructor;
  '%SharedError%': ErrorConstructor;
  /** The frames of `error` ('\n    at …' lines, filtered per stackFiltering), or ''. Host only. */
  '%InitialGetStackString%': (error: unknown) => string;
}

const accessor = (get: () => unknown, set: (v: unknown) => void): PropertyDescriptor => ({
  get,
  set,
  enumerable: false,
  configurable: true,
});
const method = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: false, configurable: true });

/** Checks that engine-made errors carry the realm's one shared `stack` accessor pair, then freezes it. */
const checkStackAccessor = (): void => {
  if (FERAL_STACK_GETTER === undefined) return; // older V8: a lazily formatted own data property
  let engineError: unknown;
  try {
    void (undefined as unknown as { x: unknown }).x;
  } catch (error) {
    engineError = error;
  }
  const desc = isObject(engineError) ? getOwnPropertyDescriptor(engineError, 'stack') : undefined;
  if (desc?.get !== FERAL_STACK_GETTER || desc?.set !== FERAL_STACK_SETTER) {
    throw makeTypeError('lockdown()', 'engine errors have an unexpected own "stack" accessor', codes.UNEXPECTED_STACK_ACCESSOR);
  }
  // Reachable from every error of every compartment: frozen, they cannot carry a message.
  freeze(FERAL_STACK_GETTER);
  if (FERAL_STACK_SETTER !== undefined) freeze(FERAL_STACK_SETTER);
};

/** An Error constructor over the original: same prototype, and (on V8) no frame of its own. */
const makeErrorConstructor = (): ErrorConstructor => {
  // A plain function, not a class: `Error(...)` without `new` must work, as in the spec.
  const TamedError = function (this: unknown, ...args: unknown[]): object {
    // On V8 the stack is captured once, by captureStackTrace, so that it starts at the caller as
    // if this wrapper were not there; the original constructor captures nothing (limit 0).
    const limit: unknown = reflectGet(FERAL_ERROR, 'stackTraceLimit');
    const recapture = errorCaptureStackTrace !== undefined && typeof limit === 'number';
    if (recapture) reflectSet(FERAL_ERROR, 'stackTraceLimit', 0);
    let error: object;
    try {
      error = new.target === undefined ? apply(FERAL_ERROR, this, args) : construct(FERAL_ERROR, args, new.target);
    } finally {
      if (recapture) reflectSet(FERAL_ERROR, 'stackTraceLimit', limit);
    }
    if (recapture) apply(errorCaptureStackTrace!, FERAL_ERROR, [error, TamedError]);
    return error;
  };
  defineProperties(TamedError, {
    name: { value: 'Error' },
    length: { value: 1 },
    prototype: { value: FERAL_ERROR.prototype, writable: false, enumerable: false, configurable: false },
  });
  if (errorIsError !== undefined) defineProperty(TamedError, 'isError', method(errorIsError));
  return TamedError as unknown as ErrorConstructor; // constructs and returns errors: the type fits
};

export const tameError = (
  errorTaming: ErrorTaming = 'safe',
  stackFiltering: StackFiltering = 'concise',
): TamedErrorIntrinsics => {
  const isV8 = errorCaptureStackTrace !== undefined;
  checkStackAccessor();

  const InitialError = makeErrorConstructor();
  const SharedError = makeErrorConstructor();
  defineProperty(FERAL_ERROR.prototype, 'constructor', { value: SharedError });
  // Nothing shared may lead to the host's Error: the NativeErrors now inherit from %SharedError%.
  const nativeErrors: object[] = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
  if (SuppressedError !== undefined) arrayPush(nativeErrors, SuppressedError);
  arrayForEach(nativeErrors, NativeError => setPrototypeOf(NativeError, SharedError));

  // The host's stackTraceLimit: the original's, numbers only (V8 ignores anything else anyway).
  const limitOfHost = accessor(
    () => {
      const limit = reflectGet(FERAL_ERROR, 'stackTraceLimit');
      return typeof limit === 'number' ? limit : undefined;
    },
    limit => {
      if (typeof limit === 'number') reflectSet(FERAL_ERROR, 'stackTraceLimit', limit);
    },
  );

  if (errorTaming === 'unsafe-debug') {
    // As ses: V8's own API on BOTH constructors, so that source-mapping tools see real CallSites.
    // Compartments can then see CallSites and share this state: for debugging only.
    const passthrough: PropertyDescriptorMap = {
      stackTraceLimit: limitOfHost,
      prepareStackTrace: accessor(
        () => reflectGet(FERAL_ERROR, 'prepareStackTrace'),
        fn => void reflectSet(FERAL_ERROR, 'prepareStackTrace', fn),
      ),
    };
    if (isV8) passthrough['captureStackTrace'] = method(errorCaptureStackTrace);
    defineProperties(InitialError, passthrough);
    defineProperties(SharedError, passthrough);
    return { '%InitialError%': InitialError, '%SharedError%': SharedError, '%InitialGetStackString%': nativeFrames };
  }

  // %SharedError%: every stack power is inert and keeps no state, so it is no channel either.
  const nothing = (): undefined => undefined;
  const ignore = (_value: unknown): void => {};
  defineProperties(SharedError, { stackTraceLimit: accessor(nothing, ignore) });
  if (!isV8) {
    defineProperties(InitialError, { stackTraceLimit: limitOfHost });
    return { '%InitialError%': InitialError, '%SharedError%': SharedError, '%InitialGetStackString%': nativeFrames };
  }
  const { captureStackTrace: inertCapture } = {
    // A concise method: no `prototype`, not a constructor. Gives `target` an empty stack.
    captureStackTrace(target: unknown, _constructorOpt?: unknown): void {
      if (isObject(target)) {
        reflectDefineProperty(target, 'stack', { value: '', writable: true, enumerable: false, configurable: true });
      }
    },
  };
  defineProperties(SharedError, { prepareStackTrace: accessor(nothing, ignore), captureStackTrace: method(inertCapture) });

  // %InitialError%: the host's powers. prepareStackTrace is the same accessor as on the original
  // Error, because Node asks the global Error (the start compartment's) first, then the original.
  const stacks = makeV8Stacks(errorTaming === 'unsafe', stackFiltering, InitialError);
  const { captureStackTrace } = {
    captureStackTrace(target: object, constructorOpt?: unknown): void {
      apply(errorCaptureStackTrace!, FERAL_ERROR, [target, constructorOpt ?? captureStackTrace]);
    },
  };
  defineProperties(FERAL_ERROR, { prepareStackTrace: stacks.prepareStackTrace });
  defineProperties(InitialError, {
    stackTraceLimit: limitOfHost,
    prepareStackTrace: stacks.prepareStackTrace,
    captureStackTrace: method(captureStackTrace),
  });
  return { '%InitialError%': InitialError, '%SharedError%': SharedError, '%InitialGetStackString%': stacks.getStackString };
};
