// Unit tests for tameLocaleMethods() (src/lockdown/tame-locale-methods.ts), called directly (no
// lockdown): 'unsafe' changes nothing; 'safe' makes every toLocale*/localeCompare of the shared
// prototypes locale-independent while keeping name, length, attributes and coercion order.
// Serial: the 'safe' test mutates the prototypes for the rest of this process.
import test from 'ava';
import { tameLocaleMethods } from '../src/lockdown/tame-locale-methods.js';

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const fake = {
  toLocaleFoo(a: unknown): string {
    return `localized ${String(a)}`;
  },
  toFoo(...args: unknown[]): string {
    return `foo/${args.length}`;
  },
  get toLocaleBar(): unknown {
    throw new Error('accessors must not be read');
  },
};
const intlLike = { toLocaleFoo: fake.toLocaleFoo, toFoo: fake.toFoo };
const intrinsics: Record<string, unknown> = {
  '%StringPrototype%': String.prototype,
  '%NumberPrototype%': Number.prototype,
  '%BigIntPrototype%': BigInt.prototype,
  '%DatePrototype%': Date.prototype,
  '%ArrayPrototype%': Array.prototype,
  '%TypedArrayPrototype%': TypedArrayPrototype,
  '%ObjectPrototype%': Object.prototype,
  '%FakePrototype%': fake,
  '%IntlFakePrototype%': intlLike,
  '%Primitive%': 42,
};
type Descriptors = Record<PropertyKey, PropertyDescriptor>;
const snapshot = (): Record<string, Descriptors> =>
  Object.fromEntries(
    Object.entries(intrinsics)
      .filter(([, v]) => typeof v === 'object')
      .map(([k, v]) => [k, Object.getOwnPropertyDescriptors(v)]),
  );
const before = snapshot();
/** Keys whose descriptors differ (by Object.is on each field): ava's deepEqual would call getters. */
const changed = (a: Descriptors, b: Descriptors): PropertyKey[] =>
  [...new Set([...Reflect.ownKeys(a), ...Reflect.ownKeys(b)])].filter(k => {
    const x = a[k as string];
    const y = b[k as string];
    if (x === undefined || y === undefined) return true;
    return (['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const).some(f => !Object.is(x[f], y[f]));
  });
const changedEverywhere = (): string[] => {
  const now = snapshot();
  return Object.keys(now).flatMap(k => changed(now[k]!, before[k]!).map(p => `${k}.${String(p)}`));
};
const methods = [
  ['%StringPrototype%', 'localeCompare', 1],
  ['%StringPrototype%', 'toLocaleUpperCase', 0],
  ['%StringPrototype%', 'toLocaleLowerCase', 0],
  ['%NumberPrototype%', 'toLocaleString', 0],
  ['%BigIntPrototype%', 'toLocaleString', 0],
  ['%DatePrototype%', 'toLocaleString', 0],
  ['%DatePrototype%', 'toLocaleDateString', 0],
  ['%DatePrototype%', 'toLocaleTimeString', 0],
] as const;
const isConstructor = (f: unknown): boolean => {
  try {
    Reflect.construct(String, [], f as new () => unknown);
    return true;
  } catch {
    return false;
  }
};
const method = (intrinsic: string, name: string): ((...args: unknown[]) => unknown) =>
  (intrinsics[intrinsic] as Record<string, (...args: unknown[]) => unknown>)[name]!;

test.serial("'unsafe' changes nothing; other values are rejected", t => {
  tameLocaleMethods(intrinsics, 'unsafe');
  t.deepEqual(changedEverywhere(), []);
  t.throws(() => tameLocaleMethods(intrinsics, 'sane' as 'safe'), {
    instanceOf: TypeError,
    message: /localeTaming.*\(PF_BAD_OPTION_VALUE\)$/,
  });
  t.deepEqual(changedEverywhere(), []);
});

test.serial("'safe' replaces each locale method, keeping name, length and attributes", t => {
  tameLocaleMethods(intrinsics, 'safe');
  for (const [intrinsic, name, length] of methods) {
    const now = Object.getOwnPropertyDescriptor(intrinsics[intrinsic], name)!;
    const old = before[intrinsic]![name] as PropertyDescriptor;
    t.not(now.value, old.value, name);
    t.is(now.value.name, name);
    t.is(now.value.length, length, name);
    t.like(now, { writable: old.writable, enumerable: old.enumerable, configurable: old.configurable });
    t.false(isConstructor(now.value), name);
    t.false(Object.hasOwn(now.value, 'prototype'), name);
  }
  // Generic ones stay: they only call the element methods above.
  t.deepEqual(changedEverywhere().sort(), [
    ...methods.map(([intrinsic, name]) => `${intrinsic}.${name}`),
    '%FakePrototype%.toLocaleFoo',
  ].sort());
  // An unknown intrinsic's toLocaleX becomes toX() without arguments; Intl's are left alone.
  const toLocaleFoo = Object.getOwnPropertyDescriptor(fake, 'toLocaleFoo')!.value as (...a: unknown[]) => string;
  t.is(toLocaleFoo.name, 'toLocaleFoo');
  t.is(toLocaleFoo.length, 0);
  t.is(fake.toLocaleFoo('de'), 'foo/0');
  t.is(intlLike.toLocaleFoo('de'), 'localized de');
  t.truthy(Object.getOwnPropertyDescriptor(fake, 'toLocaleBar')!.get);
});

test.serial('String: code-unit order and locale-free case mapping, spec coercion order', t => {
  t.is('a'.localeCompare('b'), -1);
  t.is('b'.localeCompare('a'), 1);
  t.is('a'.localeCompare('a'), 0);
  t.is('a'.localeCompare('B'), 1, 'no case folding');
  t.is('ä'.localeCompare('z'), 1, 'no collation');
  t.is('\uFF21'.localeCompare('\uD83D\uDE00'), 1, 'code units, not code points');
  t.is('o\u0308'.localeCompare('ö'), 0, 'canonically equivalent strings compare equal (§22.1.3.12)');
  t.is('\u212B'.localeCompare('\u00C5'), 0, 'ANGSTROM SIGN ≡ Å');
  t.is('\uFB01'.localeCompare('fi'), 1, 'compatibility equivalents are not canonical ones');
  t.is('\uD800'.localeCompare('\uD800'), 0, 'lone surrogates are fine');
  t.is('undefined'.localeCompare(undefined as unknown as string), 0);
  const log: string[] = [];
  const obj = (name: string, s: string): object => ({
    toString: () => {
      log.push(name);
      return s;
    },
  });
  t.is(method('%StringPrototype%', 'localeCompare').call(obj('this', 'x'), obj('that', 'y')), -1);
  t.deepEqual(log, ['this', 'that']);
  log.length = 0;
  for (const bad of [null, undefined]) {
    t.throws(() => method('%StringPrototype%', 'localeCompare').call(bad, obj('that', 'y')), { instanceOf: TypeError });
    t.throws(() => method('%StringPrototype%', 'toLocaleUpperCase').call(bad), { instanceOf: TypeError });
    t.throws(() => method('%StringPrototype%', 'toLocaleLowerCase').call(bad), { instanceOf: TypeError });
  }
  t.deepEqual(log, [], 'RequireObjectCoercible(this) comes before ToString(that)');
  t.throws(() => 'a'.localeCompare(Symbol() as unknown as string), { instanceOf: TypeError });
  t.is('i'.toLocaleUpperCase('tr'), 'I');
  t.is('I'.toLocaleLowerCase('tr'), 'i');
  t.is('ß'.toLocaleUpperCase('de'), 'SS');
  t.is(method('%StringPrototype%', 'toLocaleUpperCase').call(12), '12');
});

test.serial('Number, BigInt, Date: plain toString text, arguments ignored, brand checks kept', t => {
  t.is((1234.5).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' }), '1234.5');
  t.is((1e21).toLocaleString(), '1e+21');
  t.is(new Number(-0).toLocaleString(), '0');
  t.is((10n).toLocaleString('de', { maximumFractionDigits: 2 }), '10');
  t.is((-123456789012345678901234567890n).toLocaleString(), '-123456789012345678901234567890');
  t.throws(() => method('%NumberPrototype%', 'toLocaleString').call('1'), { instanceOf: TypeError });
  t.throws(() => method('%BigIntPrototype%', 'toLocaleString').call(1), { instanceOf: TypeError });
  const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
  const utcString = 'Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)';
  t.is(d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }), utcString);
  t.is(d.toLocaleDateString('ar-EG'), 'Tue Jan 02 2024');
  t.is(d.toLocaleTimeString(), '03:04:05 GMT+0000 (Coordinated Universal Time)');
  t.is(new Date(NaN).toLocaleString(), 'Invalid Date');
  t.throws(() => method('%DatePrototype%', 'toLocaleString').call({}), { instanceOf: TypeError });
});

test.serial('Array, TypedArray and Object toLocaleString follow their (tamed) elements', t => {
  const d = new Date(0);
  t.is([1234.5, 10n, d, null, 'x'].toLocaleString(), `1234.5,10,${d.toLocaleString()},,x`);
  t.is(new Float64Array([1234.5, -0.25]).toLocaleString(), '1234.5,-0.25');
  t.is(new BigInt64Array([10n ** 15n]).toLocaleString(), '1000000000000000');
  t.is({ toString: () => 'obj' }.toLocaleString(), 'obj');
});
