// The causal console: a frozen wrapper of the host console that prints, for each error it logs,
// what only the host may see (the hidden stack, the `cause` chain, AggregateError `errors`),
// reading errors through own data descriptors only, so no guest getter, toString or inspect hook
// runs. Also installs the host's traps for uncaught exceptions and unhandled rejections.
// Side effects: tameConsole adds process (or window) listeners unless trapping is 'none'.
import { overriddenValueOf } from './enable-property-overrides.js';
import {
  FERAL_ERROR,
  FinalizationRegistry,
  Map,
  String,
  WeakMap,
  apply,
  arrayForEach,
  arrayIncludes,
  arrayJoin,
  arrayMap,
  arrayPush,
  errorCaptureStackTrace,
  errorIsError,
  finalizationRegistryRegister,
  freeze,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  hostConsole,
  hostProcessObject,
  hostWindow,
  isArray,
  isObject,
  mapDelete,
  mapGet,
  mapHas,
  mapSet,
  mapToArray,
  nodeFormatWithOptions,
  nodeIsNativeError,
  objectHasOwn,
  objectIsPrototypeOf,
  processAbort,
  processExit,
  processOn,
  reflectGet,
  stringSplit,
  weakmapGet,
  weakmapSet,
  arrayConcat,
  arraySlice,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { getErrorDetailsForConsole, renderConsoleDetails } from '../error/make-error.js';
import { isProxy, nativeFrames } from './error-stacks.js';

export type ConsoleTaming = 'safe' | 'unsafe';
export type ErrorTrapping = 'platform' | 'none' | 'report' | 'abort' | 'exit';
export type UnhandledRejectionTrapping = 'report' | 'none';
type Logger = (...args: unknown[]) => void;

/** Node's inspector without the hooks that hand guest code host functions or run its getters. */
const SAFE_INSPECT = freeze({ customInspect: false, getters: false });
const MAX_DEPTH = 8;
const MAX_ERRORS = 20;

/** Errors by brand (never by a guest-controlled prototype chain, where the host can tell). */
const isError = (x: unknown): x is object => {
  if (nodeIsNativeError !== undefined) return nodeIsNativeError(x);
  if (errorIsError !== undefined) return errorIsError(x);
  return isObject(x) && !isProxy(x) && objectIsPrototypeOf(FERAL_ERROR.prototype, x);
};

/** A data property, own or inherited, read by descriptors; stops at accessors and proxies. */
const dataProperty = (obj: object, key: string, ownOnly = false): unknown => {
  let o: unknown = obj;
  for (let depth = 0; isObject(o) && depth < 64; depth += 1) {
    if (isProxy(o)) return undefined;
    const desc = getOwnPropertyDescriptor(o, key);
    if (desc !== undefined) {
      if (objectHasOwn(desc, 'value')) return desc.value;
      // lockdown's own override-enabling accessors (e.g. Error.prototype.name) stand for data
      return overriddenValueOf(desc)?.value;
    }
    if (ownOnly) return undefined;
    o = getPrototypeOf(o);
  }
  return undefined;
};

/** A non-error value as text, with Node's inspector in its safe mode where there is one. */
const formatValue = (value: unknown): string => {
  if (nodeFormatWithOptions !== undefined) return nodeFormatWithOptions(SAFE_INSPECT, value);
  if (isObject(value)) return isArray(value) ? '[array]' : '[object]';
  return String(value);
};

const indent = (text: string): string => arrayJoin(stringSplit(text, '\n'), '\n  ');

/**
 * Makes a causal console over `base`. `getStackString` is the host's reader of hidden stacks
 * (%InitialGetStackString%); without it, the stack V8 shows on the error itself is used.
 */
export const makeCausalConsole = (base: object | undefined, getStackString?: (error: unknown) => string): Console => {
  const stackOf = getStackString ?? nativeFrames;
  const describe = (error: object, depth: number, seen: object[]): string => {
    const rawName = dataProperty(error, 'name');
    const rawMessage = dataProperty(error, 'message');
    const name = typeof rawName === 'string' ? rawName : 'Error';
    // assert hook (src/error/make-error.ts): for errors from assert.makeError, the message before
    // redaction and the errorName tag; below, assert.note's notes and the errors they mention.
    const hidden = getErrorDetailsForConsole(error);
    const mentioned: object[] = [];
    const inline = (x: unknown): string => {
      if (!isError(x)) return formatValue(x);
      arrayPush(mentioned, x);
      const n = dataProperty(x, 'name');
      const m = dataProperty(x, 'message');
      return `(${typeof n === 'string' ? n : 'Error'}: ${typeof m === 'string' ? m : ''})`;
    };
    const plain = typeof rawMessage === 'string' ? rawMessage : '';
    const message = hidden?.message !== undefined ? renderConsoleDetails(hidden.message, inline) : plain;
    const tagged = hidden?.tag !== undefined ? `${hidden.tag} ${name}` : name;
    const header = tagged === '' ? message : message === '' ? tagged : `${tagged}: ${message}`;
    if (arrayIncludes(seen, error)) return `[Circular ${header}]`;
    if (depth >= MAX_DEPTH) return `${header} […]`;
    const nested = arrayConcat(seen, [error]);
    const render = (x: unknown): string => (isError(x) ? describe(x, depth + 1, nested) : formatValue(x));
    let text = `${header}${stackOf(error)}`;
    const causeDesc = getOwnPropertyDescriptor(error, 'cause');
    if (causeDesc !== undefined && objectHasOwn(causeDesc, 'value')) {
      text += `\n  Caused by: ${indent(render(causeDesc.value))}`;
    }
    const errors = dataProperty(error, 'errors', true);
    if (isArray(errors) && !isProxy(errors)) {
      const count = dataProperty(errors, 'length', true);
      const shown = typeof count === 'number' && count < MAX_ERRORS ? count : MAX_ERRORS;
      for (let i = 0; i < shown; i += 1) {
        text += `\n  errors[${i}]: ${indent(render(dataProperty(errors, String(i), true)))}`;
      }
    }
    if (hidden !== undefined) {
      arrayForEach(hidden.notes, note => (text += `\n  Note: ${indent(renderConsoleDetails(note, inline))}`));
      arrayForEach(mentioned, x => (text += `\n  Nested error: ${indent(render(x))}`));
    }
    return text;
  };

  // Host methods are looked up at each call, so the host may still patch its own console.
  const baseMethod = (name: string): Logger | undefined => {
    if (base === undefined) return undefined;
    const fn = reflectGet(base, name);
    return typeof fn === 'function' ? (fn as Logger) : undefined;
  };
  const call = (name: string, args: unknown[]): void => {
    const fn = baseMethod(name) ?? baseMethod('log');
    if (fn !== undefined) apply(fn, base, args);
  };
  /** Errors become their full description; then everything is one string if Node can format. */
  const render = (args: readonly unknown[]): unknown[] => {
    const out = arrayMap(args, (arg, i) => {
      if (!isError(arg)) return arg;
      const text = describe(arg, 0, []);
      // A first argument is a format string only when more follow: keep its '%' literal.
      return i === 0 && args.length > 1 ? arrayJoin(stringSplit(text, '%'), '%%') : text;
    });
    return nodeFormatWithOptions !== undefined && out.length > 0 ? [apply(nodeFormatWithOptions, undefined, arrayConcat([SAFE_INSPECT], out))] : out;
  };
  const label = (value: unknown): unknown => (value === undefined || typeof value === 'string' ? value : formatValue(value));
  const logging = (name: string): Logger => (...args) => call(name, render(args));
  const labelled = (name: string): Logger => (value?: unknown) => call(name, [label(value)]);

  const { trace } = {
    trace(...args: unknown[]): void {
      if (errorCaptureStackTrace === undefined) return call('trace', render(args));
      const holder = {};
      apply(errorCaptureStackTrace, FERAL_ERROR, [holder, trace]);
      const parts = arrayMap(render(args), part => (typeof part === 'string' ? part : formatValue(part)));
      const message = parts.length === 0 ? '' : `: ${arrayJoin(parts, ' ')}`;
      call('error', [`Trace${message}${stackOf(holder)}`]);
    },
  };
  const causal = {
    debug: logging('debug'),
    log: logging('log'),
    info: logging('info'),
    warn: logging('warn'),
    error: logging('error'),
    trace,
    dirxml: logging('dirxml'),
    group: logging('group'),
    groupCollapsed: logging('groupCollapsed'),
    groupEnd: () => call('groupEnd', []),
    clear: () => call('clear', []),
    table: logging('log'), // as a log: the host's table would inspect its data with guest hooks
    dir: (item?: unknown) => call('log', [formatValue(item)]), // guest options are ignored
    assert: (condition?: unknown, ...args: unknown[]) => {
      if (condition) return;
      const first = args[0];
      const message =
        typeof first === 'string'
          ? arrayConcat([`Assertion failed: ${first}`], arraySlice(args, 1))
          : arrayConcat(['Assertion failed'], args);
      call('error', render(message));
    },
    count: labelled('count'),
    countReset: labelled('countReset'),
    time: labelled('time'),
    timeEnd: labelled('timeEnd'),
    timeLog: (value?: unknown, ...data: unknown[]) => call('timeLog', arrayConcat([label(value)], render(data))),
    profile: labelled('profile'),
    profileEnd: labelled('profileEnd'),
    timeStamp: labelled('timeStamp'),
  };
  return freeze(causal) as unknown as Console; // a subset of Console: the standard logging methods
};

/** Keeps unhandled rejections until their promise is collected (or the process exits), then reports. */
const makeRejectionTracker = (report: (reason: unknown) => void) => {
  let lastId = 0;
  const reasons = new Map<number, unknown>();
  const idOf = new WeakMap<object, number>();
  const flush = (id: number): void => {
    if (!mapHas(reasons, id)) return;
    const reason = mapGet(reasons, id);
    mapDelete(reasons, id);
    report(reason);
  };
  const registry = new FinalizationRegistry<number>(flush);
  return freeze({
    unhandled: (reason: unknown, promise: unknown): void => {
      lastId += 1;
      mapSet(reasons, lastId, reason);
      if (!isObject(promise)) return flush(lastId);
      weakmapSet(idOf, promise, lastId);
      finalizationRegistryRegister(registry, promise, lastId);
    },
    handled: (promise: unknown): void => {
      const id = isObject(promise) ? weakmapGet(idOf, promise) : undefined;
      if (id !== undefined) mapDelete(reasons, id);
    },
    flushAll: (): void => {
      const all = mapToArray(reasons);
      for (let i = 0; i < all.length; i += 1) flush(all[i]![0]);
    },
  });
};

/** Adds a listener with the host's own method (process.on or window.addEventListener). */
const listen = (on: Logger | undefined, target: unknown, event: string, listener: (...args: never[]) => void): void => {
  if (on !== undefined) apply(on, target, [event, listener]);
};

export const tameConsole = (
  consoleTaming: ConsoleTaming = 'safe',
  errorTrapping: ErrorTrapping = 'platform',
  unhandledRejectionTrapping: UnhandledRejectionTrapping = 'report',
  getStackString?: (error: unknown) => string,
): { console: Console } => {
  const console: Console =
    consoleTaming === 'unsafe' && hostConsole !== undefined ? hostConsole : makeCausalConsole(hostConsole, getStackString);
  const reportUncaught = (error: unknown): void => console.error(`${codes.UNCAUGHT_EXCEPTION}:`, error);
  const reportRejection = (reason: unknown): void => console.error(`${codes.UNHANDLED_REJECTION}:`, reason);
  const unsupported = (what: string): Error =>
    makeTypeError('lockdown()', `errorTrapping "${errorTrapping}" needs ${what}, which this host lacks`, codes.ERROR_TRAPPING_UNSUPPORTED);

  if (processOn !== undefined) {
    // Node.js: 'platform' is 'exit', as Node itself exits on an uncaught exception.
    if (errorTrapping !== 'none') {
      let terminate: (() => void) | undefined;
      if (errorTrapping === 'platform' || errorTrapping === 'exit') {
        const exit = processExit;
        if (exit === undefined) throw unsupported('process.exit');
        terminate = () => {
          const exitCode: unknown = reflectGet(hostProcessObject, 'exitCode');
          apply(exit, hostProcessObject, [exitCode || -1]);
        };
      } else if (errorTrapping === 'abort') {
        const abort = processAbort;
        if (abort === undefined) throw unsupported('process.abort');
        terminate = () => apply(abort, hostProcessObject, []);
      }
      listen(processOn, hostProcessObject, 'uncaughtException', (error: unknown) => {
        reportUncaught(error);
        if (terminate !== undefined) terminate();
      });
    }
    if (unhandledRejectionTrapping === 'report') {
      const tracker = makeRejectionTracker(reportRejection);
      listen(processOn, hostProcessObject, 'unhandledRejection', tracker.unhandled);
      listen(processOn, hostProcessObject, 'rejectionHandled', tracker.handled);
      listen(processOn, hostProcessObject, 'exit', tracker.flushAll);
    }
  } else if (isObject(hostWindow) && typeof reflectGet(hostWindow, 'addEventListener') === 'function') {
    // Browsers: 'platform' is 'report'; 'exit' and 'abort' leave the page.
    const on = reflectGet(hostWindow, 'addEventListener') as Logger;
    type EventLike = { preventDefault(): void; error?: unknown; reason?: unknown; promise?: unknown };
    if (errorTrapping !== 'none') {
      listen(on, hostWindow, 'error', (event: EventLike) => {
        event.preventDefault();
        reportUncaught(event.error);
        if (errorTrapping === 'exit' || errorTrapping === 'abort') (hostWindow as { location: { href: string } }).location.href = 'about:blank';
      });
    }
    if (unhandledRejectionTrapping === 'report') {
      const tracker = makeRejectionTracker(reportRejection);
      listen(on, hostWindow, 'unhandledrejection', (event: EventLike) => {
        event.preventDefault();
        tracker.unhandled(event.reason, event.promise);
      });
      listen(on, hostWindow, 'rejectionhandled', (event: EventLike) => {
        event.preventDefault();
        tracker.handled(event.promise);
      });
      listen(on, hostWindow, 'beforeunload', tracker.flushAll);
    }
  }
  return { console };
};
