// V8 stack machinery for tame-error.ts: a system `prepareStackTrace` records each error's
// CallSites when V8 formats its stack, and the host later renders them, filtered per
// `stackFiltering`. Host formatters (Node's default, source-map-support) get stand-ins that
// expose no function or receiver, never the CallSites. Assumes V8's stack trace API (Node 20-24).
// Side effects: makeV8Stacks briefly swaps the original Error's prepareStackTrace, to probe.
import {
  FERAL_ERROR,
  FERAL_PREPARE_STACK_TRACE,
  FERAL_STACK_GETTER,
  Map,
  WeakMap,
  apply,
  arrayFilter,
  arrayForEach,
  arrayJoin,
  arrayMap,
  arraySlice,
  create,
  defineProperty,
  errorCaptureStackTrace,
  errorToString,
  freeze,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getPrototypeOf,
  isObject,
  mapGet,
  mapSet,
  nodeIsProxy,
  objectHasOwn,
  processCwd,
  reflectDeleteProperty,
  reflectGet,
  stringEndsWith,
  stringIncludes,
  stringSlice,
  stringSplit,
  stringStartsWith,
  stringTrim,
  weakmapGet,
  weakmapHas,
  weakmapSet,
} from '../commons.js';

export type StackFiltering = 'concise' | 'omit-frames' | 'shorten-paths' | 'verbose';

/** A V8 `prepareStackTrace` function: receives the error and its raw CallSites. */
type PrepareFn = (error: object, sites: readonly object[]) => unknown;
/** What the system prepare function records per error, until the host renders it. */
interface StackRecord {
  readonly sites: readonly object[];
  readonly hostPrepare: PrepareFn | undefined;
}

export interface V8Stacks {
  /** The `prepareStackTrace` accessor of the original Error and %InitialError%. */
  readonly prepareStackTrace: PropertyDescriptor;
  /** The filtered frames of `error` as '\n    at …' lines, or ''. */
  readonly getStackString: (error: unknown) => string;
}

/** CallSite methods that yield only strings, numbers and booleans: getThis/getFunction are left out. */
const safeCallSiteMethods = freeze([
  'getTypeName', 'getFunctionName', 'getMethodName', 'getFileName', 'getLineNumber', 'getColumnNumber',
  'getEvalOrigin', 'isToplevel', 'isEval', 'isNative', 'isConstructor', 'isAsync', 'isPromiseAll',
  'getPromiseIndex', 'getScriptNameOrSourceURL', 'getScriptHash', 'getEnclosingLineNumber',
  'getEnclosingColumnNumber', 'getPosition', 'toString',
]);

/** Every system prepare function made here (→ the host's it wraps), across tameError calls. */
const systemPrepares = new WeakMap<object, PrepareFn | undefined>();

export const isProxy = (x: unknown): boolean => nodeIsProxy !== undefined && nodeIsProxy(x);

/** The frame lines of a formatted V8 stack: all from the first line (after the header) starting "at ". */
export const framesOfText = (text: string): string | undefined => {
  const lines = stringSplit(text, '\n');
  for (let i = 1; i < lines.length; i += 1) {
    if (stringStartsWith(stringTrim(lines[i]!), 'at ')) return `\n${arrayJoin(arraySlice(lines, i), '\n')}`;
  }
  return undefined;
};

/** The stack text V8 gives `error`, read without running guest code, reduced to its frames. */
export const nativeFrames = (error: unknown): string => {
  if (!isObject(error) || isProxy(error)) return '';
  let text: unknown;
  try {
    if (FERAL_STACK_GETTER !== undefined) text = apply(FERAL_STACK_GETTER, error, []);
    else {
      const desc = getOwnPropertyDescriptor(error, 'stack');
      text = desc !== undefined && objectHasOwn(desc, 'value') ? desc.value : undefined;
    }
  } catch {
    return '';
  }
  return typeof text === 'string' ? (framesOfText(text) ?? '') : '';
};

/**
 * @param visible 'unsafe' error taming: `stack` shows the filtered frames (else it reads '').
 * @param InitialError the `this` host formatters are called with, as V8 would.
 */
export const makeV8Stacks = (visible: boolean, stackFiltering: StackFiltering, InitialError: object): V8Stacks => {
  const omitFrames = stackFiltering === 'concise' || stackFiltering === 'omit-frames';
  const shortenPaths = stackFiltering === 'concise' || stackFiltering === 'shorten-paths';

  // CallSite methods, learned once from a CallSite that V8 itself made (the probe below, or the
  // first one the system prepare function receives), so later tampering cannot reach us.
  const callSiteMethods = new Map<string, (this: object) => unknown>();
  const learnCallSite = (site: object): void => {
    if (mapGet(callSiteMethods, 'getFileName') !== undefined) return;
    const proto: unknown = getPrototypeOf(site);
    if (!isObject(proto) || isProxy(proto)) return;
    arrayForEach(getOwnPropertyNames(proto), name => {
      const desc = getOwnPropertyDescriptor(proto, name);
      if (desc !== undefined && typeof desc.value === 'function') mapSet(callSiteMethods, name, desc.value);
    });
  };
  const callSiteCall = (site: object, name: string): unknown => {
    const method = mapGet(callSiteMethods, name);
    if (method === undefined) return undefined;
    try {
      return apply(method, site, []);
    } catch {
      return undefined;
    }
  };
  /** A stand-in CallSite: the safe methods, on its prototype as V8's are (tools copy them from there). */
  const facetOf = (site: object): object => {
    const methods = create(null) as Record<string, () => unknown>;
    arrayForEach(safeCallSiteMethods, name => {
      if (mapGet(callSiteMethods, name) !== undefined) methods[name] = () => callSiteCall(site, name);
    });
    return freeze(create(freeze(methods)));
  };
  /** What host formatters format for the host: its header is dropped, so it needs no guest data. */
  const standInError = freeze(create(FERAL_ERROR.prototype, { name: { value: 'Error' }, message: { value: '' } }));

  // Where Permafrost's own code lives, learned from a CallSite of this very module: in build/ the
  // src/ directory, in a bundle the bundle file.
  let ownRoot: string | undefined;
  const probe = (): void => {
    const saved = getOwnPropertyDescriptor(FERAL_ERROR, 'prepareStackTrace');
    let sites: readonly object[] | undefined;
    const probeFn: PrepareFn = (_error, s) => {
      sites = s;
      return '';
    };
    defineProperty(FERAL_ERROR, 'prepareStackTrace', { value: probeFn, writable: true, configurable: true });
    try {
      const holder = {};
      apply(errorCaptureStackTrace!, FERAL_ERROR, [holder]);
      reflectGet(holder, 'stack');
    } finally {
      if (saved !== undefined) defineProperty(FERAL_ERROR, 'prepareStackTrace', saved);
      else reflectDeleteProperty(FERAL_ERROR, 'prepareStackTrace');
    }
    // Node asks the global `Error` first: if that is an earlier tamed Error, the probe sees nothing.
    const first = sites?.[0];
    if (first === undefined) return;
    learnCallSite(first);
    const fileName = callSiteCall(first, 'getFileName');
    if (typeof fileName !== 'string') return;
    const marker = '/lockdown/error-stacks.js';
    ownRoot = stringEndsWith(arrayJoin(stringSplit(fileName, '\\'), '/'), marker)
      ? stringSlice(fileName, 0, fileName.length - marker.length + 1)
      : fileName;
  };
  probe();

  // 'shorten-paths': the current directory, as a file URL and as a path, is cut out of frames.
  const cwd: unknown = processCwd !== undefined ? processCwd() : undefined;
  const cwdPrefixes: string[] = [];
  if (typeof cwd === 'string' && cwd.length > 1) {
    const slashed = arrayJoin(stringSplit(cwd, '\\'), '/');
    cwdPrefixes[0] = `file://${stringStartsWith(slashed, '/') ? '' : '/'}${slashed}/`;
    cwdPrefixes[1] = `${cwd}${stringIncludes(cwd, '\\') ? '\\' : '/'}`;
  }
  const shorten = (text: string): string => {
    if (!shortenPaths) return text;
    let out = text;
    arrayForEach(cwdPrefixes, prefix => {
      out = arrayJoin(stringSplit(out, prefix), '');
    });
    return out;
  };
  // 'omit-frames': drop builtins, Node internals, dependencies and Permafrost itself.
  const keepSite = (site: object): boolean => {
    const fileName = callSiteCall(site, 'getFileName');
    if (typeof fileName !== 'string') return fileName !== null; // null: a builtin; undefined: eval'd code
    return !(
      stringStartsWith(fileName, 'node:internal/') ||
      stringStartsWith(fileName, 'internal/') ||
      stringIncludes(arrayJoin(stringSplit(fileName, '\\'), '/'), '/node_modules/') ||
      (ownRoot !== undefined && stringStartsWith(fileName, ownRoot))
    );
  };
  const keptSites = (sites: readonly object[]): readonly object[] => (omitFrames ? arrayFilter(sites, keepSite) : sites);
  const renderFrames = (record: StackRecord): string => {
    const kept = keptSites(record.sites);
    if (record.hostPrepare !== undefined) {
      let text: unknown;
      try {
        text = apply(record.hostPrepare, InitialError, [standInError, arrayMap(kept, facetOf)]);
      } catch {
        text = undefined;
      }
      const frames = typeof text === 'string' ? framesOfText(text) : undefined;
      if (frames !== undefined) return arrayJoin(arrayMap(stringSplit(frames, '\n'), shorten), '\n');
    }
    const line = (site: object): string => {
      const text = callSiteCall(site, 'toString');
      return `\n    at ${shorten(typeof text === 'string' ? text : '<unknown>')}`;
    };
    return arrayJoin(arrayMap(kept, line), '');
  };

  // The system prepare function: V8 (through Node's hook) calls it with the real CallSites.
  const stackRecords = new WeakMap<object, StackRecord | string>();
  const makeSystemPrepare = (hostPrepare: PrepareFn | undefined): PrepareFn => {
    const prepare: PrepareFn = (error, sites) => {
      if (!isObject(error)) return undefined;
      if (sites[0] !== undefined) learnCallSite(sites[0]);
      const record: StackRecord = freeze({ sites, hostPrepare });
      weakmapSet(stackRecords, error, record);
      if (!visible) {
        if (hostPrepare === undefined || hostPrepare === FERAL_PREPARE_STACK_TRACE) return '';
        // A host library that asks V8 for structured frames (callsites, depd: set, read, restore)
        // gets its stand-ins back; anything it formats as text stays hidden, like every stack.
        // It sees a stand-in error: the real one may be a guest's, with getters.
        try {
          const result = apply(hostPrepare, InitialError, [standInError, arrayMap(sites, facetOf)]);
          return typeof result === 'string' ? '' : result;
        } catch {
          return '';
        }
      }
      // 'unsafe', as ses: a host formatter sees the frames (all of them, unless it is the platform's
      // own, which formats only); else the header and the filtered frames.
      if (hostPrepare !== undefined) {
        const given = hostPrepare === FERAL_PREPARE_STACK_TRACE ? keptSites(sites) : sites;
        return apply(hostPrepare, InitialError, [error, arrayMap(given, facetOf)]);
      }
      let header: string;
      try {
        header = errorToString(error);
      } catch {
        header = 'Error';
      }
      const frames = renderFrames(record);
      weakmapSet(stackRecords, error, frames);
      return `${header}${frames}`;
    };
    weakmapSet(systemPrepares, prepare, hostPrepare);
    return prepare;
  };
  const hostPrepareOf = (fn: unknown): PrepareFn | undefined => {
    if (typeof fn !== 'function') return undefined;
    return weakmapHas(systemPrepares, fn) ? weakmapGet(systemPrepares, fn) : (fn as PrepareFn);
  };
  let current = makeSystemPrepare(hostPrepareOf(reflectGet(FERAL_ERROR, 'prepareStackTrace')));
  // Reading gives the system function wrapping the host's; writing it back restores that host's.
  const prepareStackTrace: PropertyDescriptor = {
    get: () => current,
    set: (fn: unknown) => {
      current = typeof fn === 'function' && weakmapHas(systemPrepares, fn) ? (fn as PrepareFn) : makeSystemPrepare(hostPrepareOf(fn));
    },
    enumerable: false,
    configurable: true,
  };

  const getStackString = (error: unknown): string => {
    if (!isObject(error) || isProxy(error)) return '';
    let record = weakmapGet(stackRecords, error);
    if (record === undefined) {
      // Make V8 format the stack now, which calls the system prepare, without running guest code:
      // the realm's own getter, or (older V8) the descriptor of its lazily formatted data property.
      try {
        if (FERAL_STACK_GETTER !== undefined) apply(FERAL_STACK_GETTER, error, []);
        else getOwnPropertyDescriptor(error, 'stack');
      } catch {
        return '';
      }
      record = weakmapGet(stackRecords, error);
      if (record === undefined) return '';
    }
    if (typeof record === 'string') return record;
    const frames = renderFrames(record);
    weakmapSet(stackRecords, error, frames); // and lets go of the CallSites
    return frames;
  };

  return { prepareStackTrace, getStackString };
};
