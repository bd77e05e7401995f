// Attack: a guest installs a V8 `prepareStackTrace` (on its Error, on a subclass, on a
// NativeError) to receive CallSite objects, whose getFunction()/getThis() hand out the functions
// and receivers of its callers. Runs under lockdown() with default options.
import test from 'ava';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';
import { makeGuest } from './_guest.js';
import { childJson } from './_child.js';

lockdown({ reporting: 'none' });
const tamed = getIntrinsics() as any;
const InitialError = tamed['%InitialError%'] as any;
const SharedError = tamed['%SharedError%'];
const getStackString = tamed['%InitialGetStackString%'];
const guest = makeGuest(SharedError);

// Each attempt returns whatever the guest obtained; `called` says whether its function ever ran.
const attempts = `
  const results = {};
  let called = false;
  const steal = (error, sites) => { called = true; return sites; };
  const secretCaller = f => f();
  const attempt = (name, f) => { try { results[name] = secretCaller(f); } catch (e) { results[name] = 'threw ' + e.message; } };

  attempt('on Error', () => { Error.prepareStackTrace = steal; return new Error('a').stack; });
  attempt('read back', () => Error.prepareStackTrace);
  attempt('accessor getter', () => Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace').get());
  attempt('on a subclass', () => {
    class Sub extends Error {}
    Sub.prepareStackTrace = steal;
    return new Sub('b').stack;
  });
  attempt('on TypeError (own property)', () => {
    Object.defineProperty(TypeError, 'prepareStackTrace', { value: steal, configurable: true });
    try { null.x; } catch (e) { return e.stack; }
  });
  attempt('through inheritance', () => {
    const fakeCtor = Object.create(Error);
    fakeCtor.prepareStackTrace = steal;
    return new Error('c').stack;
  });
  attempt('captureStackTrace', () => {
    const holder = {};
    Error.prepareStackTrace = steal;
    Error.captureStackTrace(holder, secretCaller);
    return holder.stack;
  });
  results.called = called;
  return results;
`;

test('preparestacktrace-callsite: no way of installing prepareStackTrace gets a guest CallSites', t => {
  const r = guest(attempts);
  t.false(r.called, 'the guest prepareStackTrace never runs');
  for (const name of ['on Error', 'on a subclass', 'through inheritance', 'captureStackTrace']) {
    t.is(r[name], '', name);
  }
  // After lockdown TypeError is frozen: the definition itself fails, which is as good.
  t.regex(r['on TypeError (own property)'], /^threw Cannot define property prepareStackTrace/);
  t.is(r['read back'], undefined);
  t.is(r['accessor getter'], undefined);
});

test("preparestacktrace-callsite: the host's prepareStackTrace never gets the real CallSites", t => {
  const previous = InitialError.prepareStackTrace;
  const received: any[] = [];
  InitialError.prepareStackTrace = (_error: unknown, sites: any[]) => {
    received.push(...sites);
    return `E\n${sites.map(() => '    at x').join('\n')}`;
  };
  try {
    const e = guest(`const secret = () => new Error('s'); return secret();`);
    t.is(e.stack, '');
    t.not(getStackString(e), '');
    t.true(received.length > 0);
    for (const site of received) {
      t.is(site.getFunction, undefined);
      t.is(site.getThis, undefined);
      t.is(Object.getPrototypeOf(Object.getPrototypeOf(site)), null); // not CallSite.prototype
    }
  } finally {
    InitialError.prepareStackTrace = previous;
  }
});

test("preparestacktrace-callsite: what V8 calls is the system function, which returns '' under 'safe'", t => {
  const system = InitialError.prepareStackTrace;
  const fakeSites = [{ getFunction: () => 'leak', getThis: () => 'leak', getFileName: () => '/x' }];
  t.is(system(new SharedError('x'), fakeSites), '');
});

test("preparestacktrace-callsite: under 'unsafe' too (child process), guests get no CallSites", t => {
  const r = childJson(`
    import { tameError } from 'SRC/lockdown/tame-error.js';
    const S = tameError('unsafe', 'concise')['%SharedError%'];
    const r = new Function('Error', ${JSON.stringify(attempts)})(S);
    console.log(JSON.stringify({ called: r.called, types: Object.values(r).map(v => typeof v) }));
  `);
  t.false(r.called);
  t.false(r.types.includes('object'));
});

test('the realm stays fully frozen after these attacks', t => {
  assertAllReachableFrozen(t);
});
