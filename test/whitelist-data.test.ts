// Checks the whitelist data on its own, without an engine walk or lockdown: every reference
// resolves, every record is reachable, twins agree, and the records are well-formed.
import test from 'ava';
import { initialGlobals, permits, sharedGlobals, universalGlobals } from '../whitelist/permits.js';
import type { GlobalPermits, IntrinsicPermit, PermitRef, Permits, PropertyPermit } from '../whitelist/types.js';

const records: Permits = permits;
const names = Object.keys(records) as PermitRef[];
const allGlobals: readonly GlobalPermits[] = [universalGlobals, initialGlobals, sharedGlobals];

/** Intrinsics reached by syntax or by lockdown's own code rather than from a global. */
const anonymousRoots: readonly PermitRef[] = [
  '%ThrowTypeError%',
  '%TypedArray%',
  '%TypedArrayPrototype%',
  '%IteratorPrototype%',
  '%AsyncIteratorPrototype%',
  '%ArrayIteratorPrototype%',
  '%MapIteratorPrototype%',
  '%SetIteratorPrototype%',
  '%StringIteratorPrototype%',
  '%RegExpStringIteratorPrototype%',
  '%Generator%',
  '%GeneratorPrototype%',
  '%AsyncFunctionPrototype%',
  '%AsyncGenerator%',
  '%AsyncGeneratorPrototype%',
  '%AsyncFromSyncIteratorPrototype%',
  '%IteratorHelperPrototype%',
  '%WrapForValidIteratorPrototype%',
  '%ArrayProtoUnscopables%',
  '%InertFunction%',
  '%InertGeneratorFunction%',
  '%InertAsyncFunction%',
  '%InertAsyncGeneratorFunction%',
];

const isRef = (value: string): value is PermitRef => value.length > 2 && value.startsWith('%') && value.endsWith('%');

/** Every reference one record makes: its [[Proto]], data values and accessor halves. */
function referencesOf(record: IntrinsicPermit): PermitRef[] {
  const found: PermitRef[] = [];
  for (const permit of Object.values(record) as PropertyPermit[]) {
    const parts = typeof permit === 'string' ? [permit] : [permit.get, permit.set];
    for (const part of parts) if (isRef(part)) found.push(part);
  }
  return found;
}

test('every reference has a record', t => {
  const missing: string[] = [];
  for (const globals of allGlobals) {
    for (const [key, value] of Object.entries(globals)) if (isRef(value) && !Object.hasOwn(records, value)) missing.push(`global ${key} → ${value}`);
  }
  for (const name of names) {
    for (const ref of referencesOf(records[name])) if (!Object.hasOwn(records, ref)) missing.push(`${name} → ${ref}`);
  }
  for (const root of anonymousRoots) if (!Object.hasOwn(records, root)) missing.push(`anonymous ${root}`);
  t.deepEqual(missing, []);
});

test('every record is reachable from a global or an anonymous root', t => {
  const seen = new Set<PermitRef>();
  const queue: PermitRef[] = [...anonymousRoots];
  for (const globals of allGlobals) for (const value of Object.values(globals)) if (isRef(value)) queue.push(value);
  while (queue.length > 0) {
    const name = queue.pop() as PermitRef;
    if (seen.has(name) || !Object.hasOwn(records, name)) continue;
    seen.add(name);
    queue.push(...referencesOf(records[name]));
  }
  t.deepEqual(names.filter(name => !seen.has(name)), []);
});

test('every record is a plain object with a [[Proto]]', t => {
  for (const name of names) {
    // A literal `__proto__:` key would have changed the record's prototype instead.
    t.is(Object.getPrototypeOf(records[name]), Object.prototype, name);
    t.true(Object.hasOwn(records[name], '[[Proto]]'), name);
  }
  t.true(Object.hasOwn(records['%ObjectPrototype%'], '__proto__'));
  t.is(records['%ObjectPrototype%']['[[Proto]]'], 'null');
});

test('initial and shared twins permit the same properties', t => {
  t.deepEqual(permits['%InitialDate%'], permits['%SharedDate%']);
  t.deepEqual(permits['%InitialError%'], permits['%SharedError%']);
  t.deepEqual(permits['%InitialMath%'], permits['%SharedMath%']);
  t.deepEqual(Object.keys(sharedGlobals).sort(), ['Date', 'Error', 'Math']);
  for (const key of Object.keys(sharedGlobals)) t.true(Object.hasOwn(initialGlobals, key), key);
});

test('universal globals overlap neither initial nor shared globals', t => {
  const universal = Object.keys(universalGlobals);
  t.deepEqual(universal.filter(key => Object.hasOwn(initialGlobals, key) || Object.hasOwn(sharedGlobals, key)), []);
  for (const powerful of ['eval', 'Function', 'Date', 'Error', 'Math', 'Intl', 'WeakRef', 'SharedArrayBuffer', 'Atomics']) {
    t.false(Object.hasOwn(universalGlobals, powerful), powerful);
  }
});

test('symbol keys name well-known symbols that %Symbol% keeps, or harden', t => {
  const symbolStatics = records['%Symbol%'];
  for (const name of names) {
    for (const key of Object.keys(records[name])) {
      if (!key.startsWith('@@')) continue;
      if (key === '@@for(harden)') continue;
      t.is(symbolStatics[key.slice(2)], 'symbol', `${name} ${key}`);
    }
  }
});

test('no RegExp legacy static is permitted', t => {
  const legacy = ['input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'"];
  for (let digit = 1; digit <= 9; digit += 1) legacy.push(`$${digit}`);
  t.deepEqual(legacy.filter(key => Object.hasOwn(records['%RegExp%'], key)), []);
});

test('parseInt and parseFloat are one intrinsic on the global and on Number', t => {
  t.is(universalGlobals.parseInt, permits['%Number%'].parseInt);
  t.is(universalGlobals.parseFloat, permits['%Number%'].parseFloat);
});
