// Unit: tameError() without lockdown. This file tames its own realm once, with the defaults
// ('safe', 'concise'); the other modes and filters run in child processes (they rewire the realm).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { tameError } from '../src/lockdown/tame-error.js';
import { childJson } from './_child.js';

const FeralError = Error;
const hadIsError = typeof (Error as any).isError === 'function';
const tamed = tameError('safe', 'concise');
const InitialError = tamed['%InitialError%'];
const SharedError = tamed['%SharedError%'];
const getStackString = tamed['%InitialGetStackString%'];
const thisFile = 'tame-error.test.js';

test('both constructors make real errors on the original Error.prototype', t => {
  for (const E of [InitialError, SharedError]) {
    const e = new E('m', { cause: 1 });
    t.is(Object.getPrototypeOf(e), FeralError.prototype);
    t.is(e.message, 'm');
    t.is((e as any).cause, 1);
    t.true(e instanceof FeralError);
    t.is(Object.prototype.toString.call(E('called')), '[object Error]'); // callable without new
    t.is(E.name, 'Error');
    t.is(E.length, 1);
    t.is(E.prototype, FeralError.prototype);
    t.false(Object.getOwnPropertyDescriptor(E, 'prototype')!.writable);
    t.is(typeof (E as any).isError === 'function', hadIsError);
  }
  t.not(InitialError, SharedError);
  t.not(InitialError, FeralError);
});

test('Error.prototype.constructor and every NativeError lead to %SharedError%, never the host Error', t => {
  t.is(FeralError.prototype.constructor, SharedError);
  const natives: any[] = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
  if (typeof (globalThis as any).SuppressedError === 'function') natives.push((globalThis as any).SuppressedError);
  for (const NativeError of natives) t.is(Object.getPrototypeOf(NativeError), SharedError, NativeError.name);
});

test('subclasses of %SharedError% work and keep their own frames', t => {
  class MyError extends SharedError {
    constructor(message: string) {
      super(message);
      this.name = 'MyError';
    }
  }
  const make = () => new MyError('sub');
  const e = make();
  t.true(e instanceof MyError && e instanceof SharedError);
  t.is(e.stack, '');
  t.regex(getStackString(e), /at (new )?MyError/);
  t.regex(getStackString(e), /at make/);
});

test("'safe': stack is '' for errors made by guests, the engine and the host; the host still sees frames", t => {
  const made = (function guestMade() {
    return new SharedError('own');
  })();
  let engine: any;
  try {
    void (null as any).x;
  } catch (error) {
    engine = error;
  }
  let host: any;
  try {
    readFileSync('/nonexistent/permafrost/file');
  } catch (error) {
    host = error;
  }
  for (const e of [made, engine, host, new InitialError('init'), new TypeError('native')]) {
    t.is(e.stack, '');
    t.true(getStackString(e).includes(thisFile));
  }
  t.true(getStackString(made).includes('at guestMade'));
  // Read a second time, the answer is the same (the CallSites were rendered once and dropped).
  t.is(getStackString(made), getStackString(made));
});

test("'concise' drops Node internals, dependencies and Permafrost's own frames, and shortens paths", t => {
  const frames = getStackString(new SharedError('x'));
  t.false(frames.includes('node:internal'));
  t.false(frames.includes('node_modules'));
  t.false(frames.includes('/build/src/'));
  t.false(frames.includes(`file://${process.cwd()}/`));
  t.true(frames.includes(`build/test/${thisFile}`));
});

test('%InitialGetStackString% tolerates anything and runs no guest code', t => {
  for (const x of [undefined, null, 1, 'str', {}, [], () => 0]) t.is(getStackString(x), '');
  let trapped = false;
  const proxy = new Proxy(new SharedError('p'), {
    get() {
      trapped = true;
      return 'trap';
    },
    getOwnPropertyDescriptor() {
      trapped = true;
      return undefined;
    },
  });
  t.is(getStackString(proxy), '');
  const e = new SharedError('g');
  let getterRan = false;
  Object.defineProperty(e, 'stack', {
    get() {
      getterRan = true;
      return 'fake';
    },
    configurable: true,
  });
  getStackString(e);
  t.false(trapped);
  t.false(getterRan);
});

test("%SharedError%'s stack powers are inert, and stay so once frozen", t => {
  const S = SharedError as any;
  Object.freeze(S);
  t.is(S.stackTraceLimit, undefined);
  S.stackTraceLimit = 3;
  t.is(S.stackTraceLimit, undefined);
  t.is(S.prepareStackTrace, undefined);
  S.prepareStackTrace = () => 'mine';
  t.is(S.prepareStackTrace, undefined);
  const target: any = {};
  S.captureStackTrace(target);
  t.is(target.stack, '');
  t.notThrows(() => S.captureStackTrace(1));
  t.notThrows(() => S.captureStackTrace(Object.freeze({})));
  t.is(new SharedError('after').stack, '');
});

test("%InitialError% keeps the host's powers: stackTraceLimit, captureStackTrace, prepareStackTrace", t => {
  const I = InitialError as any;
  const before = (FeralError as any).stackTraceLimit;
  I.stackTraceLimit = 4;
  t.is((FeralError as any).stackTraceLimit, 4);
  t.is(I.stackTraceLimit, 4);
  I.stackTraceLimit = 'no';
  t.is(I.stackTraceLimit, 4);
  I.stackTraceLimit = before;

  const holder: any = {};
  I.captureStackTrace(holder);
  t.is(holder.stack, '');
  t.true(getStackString(holder).includes(thisFile));
  t.is(typeof I.prepareStackTrace, 'function');
});

test('a host prepareStackTrace formats the host stack string, with stand-ins for the CallSites', t => {
  const I = InitialError as any;
  const previous = I.prepareStackTrace;
  const seen: any[] = [];
  I.prepareStackTrace = (error: unknown, sites: any[]) => {
    seen.push(error, sites);
    return `Header\n    at ${sites.map(s => `MAPPED ${s.getFunctionName()} ${s.getLineNumber()}`).join('\n    at ')}`;
  };
  const e = (function hostFormatted() {
    return new SharedError('h');
  })();
  t.is(e.stack, ''); // never for what guests see
  t.regex(getStackString(e), /^\n {4}at MAPPED hostFormatted \d+/);
  const [standIn, sites] = seen.slice(-2);
  t.not(standIn, e); // the formatter never receives the guest's error
  for (const site of sites) {
    t.is(site.getThis, undefined);
    t.is(site.getFunction, undefined);
    t.true(Object.isFrozen(site));
  }
  // Writing back what was read restores the previous formatter.
  I.prepareStackTrace = previous;
  t.false(getStackString(new SharedError('r')).includes('MAPPED'));
});

const modeScript = (mode: string, filtering: string) => `
  import { tameError } from 'SRC/lockdown/tame-error.js';
  const t = tameError('${mode}', '${filtering}');
  const S = t['%SharedError%'];
  const e = (function inGuest() { return new S('boom'); })();
  const stack = e.stack;
  const frames = t['%InitialGetStackString%'](e);
  S.stackTraceLimit = 1;
  const p = S.prepareStackTrace;
  S.prepareStackTrace = (err, sites) => sites;
  const holder = {};
  S.captureStackTrace(holder);
  console.log(JSON.stringify({
    stack, frames, limit: S.stackTraceLimit,
    prepareType: typeof p, afterPrepare: typeof new S('x').stack, captured: typeof holder.stack,
    cwd: process.cwd(),
  }));
`;

test("'unsafe' shows the filtered stack on the error, and %SharedError% stays powerless", t => {
  const r = childJson(modeScript('unsafe', 'concise'));
  t.regex(r.stack, /^Error: boom\n {4}at inGuest/);
  t.false(r.stack.includes('node:internal'));
  t.true(r.frames.includes('at inGuest'));
  t.is(r.limit, undefined);
  t.is(r.prepareType, 'undefined');
  t.is(r.afterPrepare, 'string');
  t.is(r.captured, 'string');
});

test("'unsafe-debug' passes V8's stack API through, on both constructors (as ses)", t => {
  const r = childJson(modeScript('unsafe-debug', 'concise'));
  t.regex(r.stack, /^Error: boom\n {4}at inGuest/);
  t.is(r.limit, 1);
  t.is(r.afterPrepare, 'object'); // the raw CallSites: this mode gives up integrity, by design
  t.is(r.captured, 'object');
});

test('stackFiltering: verbose keeps everything, omit-frames keeps paths, shorten-paths keeps frames', t => {
  const verbose = childJson(modeScript('safe', 'verbose'));
  t.is(verbose.stack, '');
  t.true(verbose.frames.includes('node:internal'));
  t.true(verbose.frames.includes('file://'));
  t.false(verbose.frames.includes('tame-error.js'), 'the constructor wrapper leaves no frame');
  const omit = childJson(modeScript('safe', 'omit-frames'));
  t.false(omit.frames.includes('node:internal'));
  t.true(omit.frames.includes(`at inGuest (file://${omit.cwd}/[eval1]`));
  const shorten = childJson(modeScript('safe', 'shorten-paths'));
  t.true(shorten.frames.includes('node:internal'));
  t.false(shorten.frames.includes(`file://${shorten.cwd}/`));
  t.true(shorten.frames.includes('at inGuest ([eval1]'));
});

test("'safe': host libraries that ask for structured frames (callsites, depd) still get them", t => {
  const I = InitialError as any;
  // The depd / callsites pattern: swap in a prepareStackTrace, capture, read, restore.
  const callsites = () => {
    const previous = I.prepareStackTrace;
    try {
      I.prepareStackTrace = (_error: unknown, sites: unknown[]) => sites;
      const holder: any = {};
      I.captureStackTrace(holder, callsites);
      return holder.stack;
    } finally {
      I.prepareStackTrace = previous;
    }
  };
  const sites = (function hostCaller() {
    return callsites();
  })();
  t.true(Array.isArray(sites));
  t.is(sites[0].getFunctionName(), 'hostCaller');
  t.is(sites[0].getFunction, undefined);
  // Restored: stacks are hidden again. And a formatter's text is never what `stack` shows.
  t.is(new SharedError('after').stack, '');
  const previous = I.prepareStackTrace;
  I.prepareStackTrace = () => 'Error: formatted\n    at secret (/host/path.js:1:1)';
  try {
    t.is(new SharedError('formatted').stack, '');
  } finally {
    I.prepareStackTrace = previous;
  }
});

test('a host formatter never receives, so never runs the getters of, a guest error', t => {
  const I = InitialError as any;
  const previous = I.prepareStackTrace;
  const ran: string[] = [];
  I.prepareStackTrace = (error: any, sites: any[]) => `${String(error)}\n    at ${sites.length}`;
  try {
    const e = new SharedError('guest');
    Object.defineProperty(e, 'name', {
      get() {
        ran.push('name getter');
        return 'Evil';
      },
    });
    t.is(e.stack, '');
    t.regex(getStackString(e), /^\n {4}at \d+$/);
    t.deepEqual(ran, []);
  } finally {
    I.prepareStackTrace = previous;
  }
});
