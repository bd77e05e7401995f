// Unit tests for tameDate() (src/lockdown/tame-date.ts), called directly (no lockdown): the two
// constructors' shape and powers, UTC semantics of every replaced method, and the spec details
// test262 checks (name, length, attributes, non-constructors, coercion order). Mutates
// Date.prototype, which is fine: ava runs each file in its own process.
import test from 'ava';
import fc from 'fast-check';
import { tameDate } from '../src/lockdown/tame-date.js';

// Run in a zone with a large, odd offset so that any local-time leak shows.
process.env.TZ = 'Pacific/Chatham';

const OriginalDate = Date;
const proto = Date.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
const before = Object.getOwnPropertyDescriptors(Date.prototype) as Record<string, PropertyDescriptor>;
const originalToLocaleString = proto.toLocaleString!;
const { '%InitialDate%': InitialDate, '%SharedDate%': SharedDate } = tameDate();

const isConstructor = (f: unknown): boolean => {
  try {
    Reflect.construct(String, [], f as new () => unknown);
    return true;
  } catch {
    return false;
  }
};
const call = (name: string, self: unknown, ...args: unknown[]): unknown => Reflect.apply(proto[name]!, self, args);
const CLOCK = /\(PF_DATE_NOW_DISABLED\)$/;

const replaced = [
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
  'getYear', 'getTimezoneOffset', 'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds',
  'setMilliseconds', 'setYear', 'toString', 'toDateString', 'toTimeString', 'toLocaleString',
  'toLocaleDateString', 'toLocaleTimeString',
]; // prettier-ignore

test('constructors: shape as in §21.4.2 and the shared prototype', t => {
  for (const D of [InitialDate, SharedDate]) {
    t.is(typeof D, 'function');
    t.not(D, OriginalDate);
    t.is(Object.getPrototypeOf(D), Function.prototype);
    t.deepEqual(Reflect.ownKeys(D), ['length', 'name', 'prototype', 'now', 'parse', 'UTC']);
    t.deepEqual(Object.getOwnPropertyDescriptor(D, 'length'), {
      value: 7,
      writable: false,
      enumerable: false,
      configurable: true,
    });
    t.deepEqual(Object.getOwnPropertyDescriptor(D, 'name'), {
      value: 'Date',
      writable: false,
      enumerable: false,
      configurable: true,
    });
      // (not deepEqual: comparing Date.prototype by value would call its brand-checking valueOf)
    const protoDesc = Object.getOwnPropertyDescriptor(D, 'prototype')!;
    t.is(protoDesc.value, OriginalDate.prototype);
    t.like(protoDesc, { writable: false, enumerable: false, configurable: false });
    for (const name of ['now', 'parse', 'UTC'] as const) {
      const desc = Object.getOwnPropertyDescriptor(D, name)!;
      t.like(desc, { writable: true, enumerable: false, configurable: true }, name);
      t.is((desc.value as () => unknown).name, name);
      t.false(isConstructor(desc.value), name);
    }
    t.is(D.parse.length, 1);
    t.is(D.now.length, 0);
    t.is(D.UTC, OriginalDate.UTC);
  }
  t.is(InitialDate.now, OriginalDate.now);
  t.is(InitialDate.parse, SharedDate.parse);
  t.is(OriginalDate.prototype.constructor, SharedDate);
  t.like(Object.getOwnPropertyDescriptor(OriginalDate.prototype, 'constructor'), {
    writable: true,
    enumerable: false,
    configurable: true,
  });
});

test('%InitialDate% reads the clock; %SharedDate% refuses every way of doing so', t => {
  const low = OriginalDate.now();
  const now = new InitialDate().getTime();
  t.true(now >= low && now <= OriginalDate.now());
  t.true(InitialDate.now() >= low);
  t.regex(InitialDate(), /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT\+0000 \(Coordinated Universal Time\)$/);
  t.is(typeof (InitialDate as unknown as (x: number) => string)(0), 'string', 'arguments are ignored');

  const S = SharedDate as unknown as (...args: unknown[]) => unknown;
  t.throws(() => SharedDate.now(), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => new SharedDate(), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => S(), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => S(0), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => Reflect.construct(SharedDate, []), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => Reflect.apply(S, undefined, []), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => new (S.bind(null) as unknown as DateConstructor)(), { instanceOf: TypeError, message: CLOCK });
  class Sub extends SharedDate {
    constructor() {
      super();
    }
  }
  t.throws(() => new Sub(), { instanceOf: TypeError, message: CLOCK });
  t.throws(() => new (OriginalDate.prototype.constructor as DateConstructor)(), { message: CLOCK });
  // With an argument it is an ordinary Date.
  t.is(new SharedDate(0).getTime(), 0);
  t.true(Number.isNaN(new SharedDate(undefined as unknown as number).getTime()));
});

test('real Date objects: instanceof, internal slot, subclassing, new.target', t => {
  for (const D of [InitialDate, SharedDate]) {
    const d = new D(1234);
    t.true(d instanceof D);
    t.true(d instanceof OriginalDate);
    t.is(Object.getPrototypeOf(d), OriginalDate.prototype);
    t.is(OriginalDate.prototype.getTime.call(d), 1234);
    class Sub extends D {
      extra(): number {
        return this.getTime() + 1;
      }
    }
    const s = new Sub(5);
    t.true(s instanceof Sub);
    t.is(s.extra(), 6);
    function F(): void {}
    F.prototype = Object.create(OriginalDate.prototype);
    const r = Reflect.construct(D, [7], F) as Date;
    t.is(Object.getPrototypeOf(r), F.prototype);
    t.is(r.getTime(), 7);
  }
});

test('new Date(y, m, ...) reads the fields as UTC, with ToNumber in order on given arguments only', t => {
  const D = SharedDate;
  t.is(new D(2024, 0, 2, 3, 4, 5, 6).getTime(), Date.UTC(2024, 0, 2, 3, 4, 5, 6));
  t.is(new D(2024, 0).getTime(), Date.UTC(2024, 0));
  t.is(new D(99, 11, 31).getTime(), Date.UTC(1999, 11, 31));
  t.is(new (D as any)(2024, 0, 2, 3, 4, 5, 6, 'ignored').getTime(), Date.UTC(2024, 0, 2, 3, 4, 5, 6));
  t.true(Number.isNaN(new D(2024, NaN).getTime()));
  t.true(Number.isNaN(new D(275761, 0).getTime()));
  const log: string[] = [];
  const arg = (name: string, v: number): object => ({
    valueOf: () => {
      log.push(name);
      return v;
    },
  });
  const eighth = { valueOf: () => t.fail('the 8th argument must not be coerced') };
  new (D as any)(arg('y', 2024), arg('m', 1), arg('d', 2), arg('h', 3), arg('min', 4), arg('s', 5), arg('ms', 6), eighth);
  t.deepEqual(log, ['y', 'm', 'd', 'h', 'min', 's', 'ms']);
  log.length = 0;
  t.throws(() => new (D as any)(arg('y', 1), Symbol('m'), arg('d', 1)), { instanceOf: TypeError });
  t.deepEqual(log, ['y']);
  t.throws(() => new D(1n as unknown as number, 0), { instanceOf: TypeError });
});

test('new Date(value): Date copy, ToPrimitive once with hint "default", strings parsed as UTC', t => {
  const D = SharedDate;
  const src = new OriginalDate(42);
  src.valueOf = () => t.fail('a Date argument is not converted') as never;
  t.is(new D(src as unknown as number).getTime(), 42);
  const hints: string[] = [];
  const prim = (v: unknown): object => ({
    [Symbol.toPrimitive]: (hint: string) => {
      hints.push(hint);
      return v;
    },
  });
  t.is(new D(prim(5) as unknown as number).getTime(), 5);
  t.is(new D(prim('1970-01-01T00:00:01') as unknown as number).getTime(), 1000);
  t.is(new D(prim(null) as unknown as number).getTime(), 0);
  t.true(Number.isNaN(new D(prim(undefined) as unknown as number).getTime()));
  t.deepEqual(hints, ['default', 'default', 'default', 'default']);
  t.is(new D({ valueOf: () => 9, toString: () => '1' } as unknown as number).getTime(), 9);
  t.is(new D({ valueOf: () => ({}), toString: () => '1970-01-01T00:00:02' } as unknown as number).getTime(), 2000);
  t.is(Object.is(new D(-0).getTime(), 0), true);
  t.is(new D(true as unknown as number).getTime(), 1);
  t.is(new D('2024-03-04T05:06').getTime(), Date.UTC(2024, 2, 4, 5, 6));
  t.is(new D('Jan 2 2024 10:00').getTime(), Date.UTC(2024, 0, 2, 10));
  t.is(new D(new String('2024') as unknown as string).getTime(), Date.UTC(2024, 0));
  t.throws(() => new D(Symbol() as unknown as number), { instanceOf: TypeError });
  t.throws(() => new D(1n as unknown as number), { instanceOf: TypeError });
  t.throws(() => new D(prim({}) as unknown as number), { instanceOf: TypeError });
  t.throws(() => new D({ [Symbol.toPrimitive]: 1 } as unknown as number), { instanceOf: TypeError });
  const dateProxy = new Proxy(new OriginalDate(3), {});
  t.throws(() => new D(dateProxy as unknown as number), { instanceOf: TypeError }, 'a proxy has no [[DateValue]]: its toString brand-checks');
  t.is(D.parse({ toString: () => '1970-01-01T00:00:03' } as unknown as string), 3000);
  t.throws(() => D.parse(Symbol() as unknown as string), { instanceOf: TypeError });
});

test('replaced methods keep name, length, attributes; they are not constructors', t => {
  for (const name of replaced) {
    const desc = Object.getOwnPropertyDescriptor(OriginalDate.prototype, name)!;
    const old = before[name]!;
    t.not(desc.value, old.value, name);
    t.is(desc.value.name, old.value.name, name);
    t.is(desc.value.length, old.value.length, name);
    t.like(desc, { writable: old.writable, enumerable: old.enumerable, configurable: old.configurable }, name);
    t.false(isConstructor(desc.value), name);
    t.false(Object.hasOwn(desc.value, 'prototype'), name);
    t.throws(() => call(name, {}), { instanceOf: TypeError }, `${name} brand-checks`);
    t.throws(() => call(name, 0), { instanceOf: TypeError }, `${name} brand-checks`);
  }
  for (const name of Object.keys(before)) {
    if (!replaced.includes(name) && name !== 'constructor') t.is(proto[name], before[name]!.value, name);
  }
});

test('local-time getters are the UTC getters; getTimezoneOffset is 0 (NaN if invalid)', t => {
  const pairs = ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
  fc.assert(
    fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), tv => {
      const d = new OriginalDate(tv);
      return (
        pairs.every(p => call(`get${p}`, d) === call(`getUTC${p}`, d)) &&
        call('getYear', d) === d.getUTCFullYear() - 1900 &&
        Object.is(call('getTimezoneOffset', d), 0)
      );
    }),
  );
  const invalid = new OriginalDate(NaN);
  for (const p of [...pairs, 'Year', 'TimezoneOffset']) t.true(Number.isNaN(call(`get${p}`, invalid)), p);
});

test('local-time setters behave as their UTC counterparts, argument for argument', t => {
  const setters = ['FullYear', 'Month', 'Date', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
  const arb = fc.oneof(fc.integer({ min: -100, max: 3000 }), fc.constant(NaN), fc.constant(undefined), fc.double());
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constant(NaN)),
      fc.constantFrom(...setters),
      fc.array(arb, { maxLength: 5 }),
      (tv, p, args) => {
        const a = new OriginalDate(tv);
        const b = new OriginalDate(tv);
        const ra = call(`set${p}`, a, ...args);
        const rb = call(`setUTC${p}`, b, ...args);
        return Object.is(ra, rb) && Object.is(a.getTime(), b.getTime());
      },
    ),
  );
  // Coercion: brand check first, then every present argument in order, even for an invalid date.
  const log: string[] = [];
  const arg = (name: string): object => ({
    valueOf: () => {
      log.push(name);
      return 1;
    },
  });
  t.throws(() => call('setHours', {}, arg('h')), { instanceOf: TypeError });
  t.deepEqual(log, []);
  const invalid = new OriginalDate(NaN);
  t.true(Number.isNaN(call('setHours', invalid, arg('h'), arg('m'), arg('s'), arg('ms'), arg('extra')) as number));
  t.deepEqual(log, ['h', 'm', 's', 'ms'], 'all present arguments up to the arity, even for an invalid date');
  t.true(Number.isNaN(invalid.getTime()));
  log.length = 0;
  call('setFullYear', invalid, arg('y'));
  t.is(invalid.getTime(), Date.parse('0001-01-01T00:00:00Z'), 'setFullYear starts an invalid date from +0');
  // t is read before the arguments are coerced.
  const d = new OriginalDate(Date.UTC(2000, 0, 1));
  const sneaky = {
    valueOf: () => {
      d.setTime(Date.UTC(2010, 6, 7, 8));
      return 5;
    },
  };
  t.is(call('setHours', d, sneaky), Date.UTC(2000, 0, 1, 5));
  const e = new OriginalDate(NaN);
  t.true(Number.isNaN(call('setMinutes', e, { valueOf: () => (e.setTime(0), 1) }) as number));
  t.is(e.getTime(), 0, 'an invalid date returns NaN without storing it');
  t.true(Number.isNaN(call('setDate', new OriginalDate(0)) as number), 'a missing first argument is NaN');
});

test('setYear (Annex B) in UTC', t => {
  const d = new OriginalDate(Date.UTC(2000, 5, 15, 12, 30));
  t.is(call('setYear', d, 95), Date.UTC(1995, 5, 15, 12, 30));
  t.is(call('setYear', d, 2024), Date.UTC(2024, 5, 15, 12, 30));
  t.is(call('setYear', d, -0.5), Date.UTC(1900, 5, 15, 12, 30));
  t.is(call('setYear', d, 99.9), Date.UTC(1999, 5, 15, 12, 30));
  t.is(call('setYear', d, 100), new OriginalDate('0100-06-15T12:30:00Z').getTime());
  t.true(Number.isNaN(call('setYear', d, NaN) as number));
  t.true(Number.isNaN(d.getTime()));
  t.is(call('setYear', d, 1), Date.UTC(1901, 0, 1), 'an invalid date counts as +0');
  t.true(Number.isNaN(call('setYear', d, 275761) as number), 'TimeClip');
  // The time value is read before ToNumber(year), which may change it.
  const e = new OriginalDate(Date.UTC(2000, 0, 1));
  const year = {
    valueOf: () => {
      e.setTime(Date.UTC(2010, 6, 7));
      return 5;
    },
  };
  t.is(call('setYear', e, year), Date.UTC(1905, 0, 1));
  t.throws(() => call('setYear', {}, { valueOf: () => t.fail('brand check first') }), { instanceOf: TypeError });
});

test('toString, toDateString, toTimeString: spec format, UTC, fixed parenthetical', t => {
  const d = new InitialDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  const full = 'Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)';
  t.is(d.toString(), full);
  t.is(d.toDateString(), 'Tue Jan 02 2024');
  t.is(d.toTimeString(), '03:04:05 GMT+0000 (Coordinated Universal Time)');
  t.is(`${d}`, full);
  t.is(d + '', full);
  t.is(String(d), full);
  t.is(d[Symbol.toPrimitive]('default'), full);
  t.is(d[Symbol.toPrimitive]('number'), d.getTime());
  t.is(new InitialDate(Date.UTC(-1, 0, 1)).toString(), 'Fri Jan 01 -0001 00:00:00 GMT+0000 (Coordinated Universal Time)');
  t.is(new InitialDate(8.64e15).toDateString(), 'Sat Sep 13 275760');
  t.is(new InitialDate(Date.parse('0005-01-01')).toDateString(), 'Sat Jan 01 0005');
  const invalid = new InitialDate(NaN);
  for (const m of ['toString', 'toDateString', 'toTimeString'] as const) t.is(invalid[m](), 'Invalid Date');
  t.is(`${invalid}`, 'Invalid Date');
  t.regex(
    (InitialDate as unknown as () => string)(),
    /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT\+0000 \(Coordinated Universal Time\)$/,
  );
  // Date.parse reads them back.
  t.is(InitialDate.parse(d.toString()), d.getTime() - 678);
  t.is(InitialDate.parse(d.toDateString()), Date.UTC(2024, 0, 2));
});

test('toLocale* (before locale taming) format in UTC unless the caller names a zone', t => {
  const d = new InitialDate(Date.UTC(2024, 0, 2, 3, 4, 5));
  const utc = (opts: object = {}): string =>
    Reflect.apply(originalToLocaleString, d, ['en-US', { ...opts, timeZone: 'UTC' }]) as string;
  t.is(d.toLocaleString('en-US'), utc());
  t.is(d.toLocaleString('en-US', { hour: 'numeric' }), utc({ hour: 'numeric' }));
  t.is(
    d.toLocaleString('en-US', { timeZone: 'Asia/Kolkata' }),
    Reflect.apply(originalToLocaleString, d, ['en-US', { timeZone: 'Asia/Kolkata' }]) as string,
  );
  t.is(d.toLocaleDateString('en-US'), '1/2/2024');
  t.is(d.toLocaleTimeString('en-US'), '3:04:05 AM');
  t.throws(() => d.toLocaleString('en-US', null as unknown as object), { instanceOf: TypeError });
  t.is(new InitialDate(NaN).toLocaleString(), 'Invalid Date');
});
