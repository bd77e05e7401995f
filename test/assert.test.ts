// Unit tests of src/error/ (the ses-compatible `assert`): every function and alias, redaction
// wording, q's safe stringify, b, notes, makeError options, unredacted mode, forged details,
// frozenness, and the causal console's details hook. Never calls lockdown.
import test from 'ava';
import * as publicApi from '../src/index.js';
import {
  Fail,
  X,
  annotateError,
  assert,
  b,
  bare,
  bestEffortStringify,
  details,
  getErrorDetailsForConsole,
  makeAssert,
  makeError,
  note,
  q,
  quote,
  renderConsoleDetails,
} from '../src/error/index.js';
import { makeCausalConsole } from '../src/lockdown/tame-console.js';

/** The error `fn` throws (failing the test if it does not). */
const thrown = (t: any, fn: () => unknown): any => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  t.fail('expected a throw');
  return undefined;
};
const messageOf = (t: any, fn: () => unknown): string => thrown(t, fn).message;

test('the public entry point exports assert, X, q, b, makeError and Fail', t => {
  t.is(publicApi.assert, assert);
  t.is(publicApi.X, X);
  t.is(publicApi.q, q);
  t.is(publicApi.b, b);
  t.is(publicApi.makeError, makeError);
  t.is(publicApi.Fail, Fail);
  t.false('getErrorDetailsForConsole' in publicApi, 'the console hook stays internal');
});

test('aliases: X = details = assert.details, q = quote, b = bare, annotateError = note, error = makeError', t => {
  t.is(X, details);
  t.is(assert.details, X);
  t.is(q, quote);
  t.is(assert.quote, q);
  t.is(b, bare);
  t.is(assert.bare, b);
  t.is(annotateError, note);
  t.is(assert.note, note);
  t.is(assert.makeError, makeError);
  t.is(assert.error, makeError);
  t.is(assert.makeAssert, makeAssert);
  t.is(assert.Fail, Fail);
});

test('assert has ses 2.3 keys, in order, each a frozen function with ses lengths', t => {
  t.deepEqual(Object.keys(assert), [
    'equal', 'typeof', 'string', 'fail', 'makeError', 'note', 'details', 'Fail', 'quote', 'bare', 'error', 'makeAssert',
  ]);
  t.true(Object.isFrozen(assert));
  for (const key of Object.keys(assert)) t.true(Object.isFrozen((assert as any)[key]), key);
  const lengths = Object.fromEntries(Object.keys(assert).map(k => [k, (assert as any)[k].length]));
  t.deepEqual(lengths, {
    equal: 2, typeof: 3, string: 1, fail: 0, makeError: 2, note: 2, details: 1, Fail: 1, quote: 1, bare: 1, error: 2, makeAssert: 0,
  });
  t.is(assert.length, 1);
  t.true(Object.isFrozen(makeAssert(undefined, true)));
});

test('assert(flag): passes on truthy, throws "Check failed" or the details on falsy', t => {
  t.notThrows(() => assert(1));
  const error = thrown(t, () => assert(0));
  t.true(error instanceof Error);
  t.is(error.message, 'Check failed');
  t.is(messageOf(t, () => assert(false, 'plain')), 'plain');
  t.is(messageOf(t, () => assert(false, X`x is ${1}`)), 'x is (a number)');
  t.is(messageOf(t, () => assert(false, null as any)), 'Assert failed', 'null details: makeError default, as ses');
  t.true(thrown(t, () => assert(false, 'r', RangeError)) instanceof RangeError);
});

test('assert.equal: Object.is, RangeError by default, falsy details mean the default', t => {
  t.notThrows(() => assert.equal(NaN, NaN));
  const error = thrown(t, () => assert.equal(0, -0));
  t.true(error instanceof RangeError);
  t.is(error.message, 'Expected (a number) is same as (a number)');
  t.is(messageOf(t, () => assert.equal('a', 'b', '')), 'Expected (a string) is same as (a string)');
  t.is(messageOf(t, () => assert.equal(1, 2, X`${q(1)} vs ${q(2)}`)), '1 vs 2');
  t.true(thrown(t, () => assert.equal(1, 2, undefined, TypeError)) instanceof TypeError);
});

test('assert.typeof and assert.string: TypeError naming the kind, with its article', t => {
  t.notThrows(() => assert.typeof(1n, 'bigint'));
  const cases: [unknown, string, string][] = [
    [1, 'string', '(a number) must be a string'],
    [1, 'object', '(a number) must be an object'],
    [1, 'undefined', '(a number) must be an undefined'],
    ['s', 'function', '(a string) must be a function'],
    [null, 'symbol', '(an object) must be a symbol'],
  ];
  for (const [specimen, typename, message] of cases) {
    const error = thrown(t, () => assert.typeof(specimen, typename as any));
    t.true(error instanceof TypeError);
    t.is(error.message, message);
  }
  const bad = thrown(t, () => assert.typeof(1, 5 as any));
  t.is(bad.constructor, Error, 'a non-string typename fails as a plain assertion, as ses');
  t.is(bad.message, '5 must be a string');
  t.is(messageOf(t, () => assert.typeof(1, 'string', 'custom')), 'custom');
  t.is(messageOf(t, () => assert.string(1)), '(a number) must be a string');
  t.is(messageOf(t, () => assert.string(1, X`want ${q('s')}`)), 'want "s"');
  t.notThrows(() => assert.string(''));
});

test('assert.fail and Fail throw; fail() says "Check failed", fail(null) "Assert failed"', t => {
  t.is(messageOf(t, () => assert.fail()), 'Check failed');
  t.is(messageOf(t, () => assert.fail(undefined)), 'Check failed');
  t.is(messageOf(t, () => assert.fail(null as any)), 'Assert failed');
  t.is(messageOf(t, () => assert.fail('')), '');
  t.is(messageOf(t, () => Fail`got ${'secret'} and ${q('shown')}`), 'got (a string) and "shown"');
  t.true(thrown(t, () => assert.fail('x', SyntaxError)) instanceof SyntaxError);
  t.is(makeError().message, 'Assert failed');
});

test('redaction wording per kind, as ses: "(a string)", "(an undefined)", "(a TypeError)"…', t => {
  const cases: [unknown, string][] = [
    ['secret', '(a string)'],
    [42, '(a number)'],
    [42n, '(a bigint)'],
    [true, '(a boolean)'],
    [Symbol('s'), '(a symbol)'],
    [undefined, '(an undefined)'],
    [null, '(an object)'],
    [{ secret: 1 }, '(an object)'],
    [[1, 2], '(an object)'],
    [() => 1, '(a function)'],
    [new Error('e'), '(an Error)'],
    [new TypeError('e'), '(a TypeError)'],
    [new AggregateError([], 'e'), '(an AggregateError)'],
    [new Map(), '(an object)'],
  ];
  for (const [value, shown] of cases) t.is(makeError(X`[${value}]`).message, `[${shown}]`, String(shown));
  const proxy = new Proxy(new Error('p'), { getPrototypeOf: () => t.fail('trap called') as never });
  t.is(makeError(X`${proxy}`).message, '(an object)', 'a proxy is only an object: no trap runs');
});

test('q: JSON-like text, with ses\'s brackets for what JSON cannot say', t => {
  const cases: [unknown, string][] = [
    ['s', '"s"'],
    ['[x', '"[[x]"'],
    [1, '1'],
    [-0, '0'],
    [NaN, '"[NaN]"'],
    [-Infinity, '"[-Infinity]"'],
    [12n, '"[12n]"'],
    [Symbol('s'), '"[Symbol(s)]"'],
    [undefined, '"[undefined]"'],
    [null, 'null'],
    [true, 'true'],
    [[1, 'a', [undefined, 2n]], '[1,"a",["[undefined]","[2n]"]]'],
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ b: 1, 10: 2, 9: 3 }, '{"9":3,"10":2,"b":1}'],
    [function named() {}, '"[Function named]"'],
    [() => {}, '"[Function <anon>]"'],
    [new TypeError('boom'), '"[TypeError: boom]"'],
    [new Map([[1, 2]]), '"[Map]"'],
    [new Uint8Array(2), '"[Uint8Array]"'],
    [new Date(0), '"1970-01-01T00:00:00.000Z"'],
    [new Date(NaN), 'null'],
    [Object(5), '5'],
    [Object('str'), '"str"'],
    [Object(1n), '"[BigInt]"'],
    [Object.create(null), '{}'],
    [[, 1], '["[undefined]",1]'], // eslint-disable-line no-sparse-arrays
  ];
  for (const [value, shown] of cases) t.is(`${q(value)}`, shown);
  t.is(`${q({ a: [1] }, 2)}`, '{\n  "a": [\n    1\n  ]\n}');
  t.is(`${q([1], '--')}`, '[\n--1\n]');
});

test('q: cycles and repeated subtrees are "[Seen]"', t => {
  const cycle: any = { name: 'c' };
  cycle.self = cycle;
  t.is(`${q(cycle)}`, '{"name":"c","self":"[Seen]"}');
  const shared = { x: 1 };
  t.is(`${q([shared, shared])}`, '[{"x":1},"[Seen]"]');
});

test('q never runs getters, toJSON, toString or proxy traps, and never throws', t => {
  let ran = 0;
  const hostile = {
    get boom() {
      ran += 1;
      throw new Error('getter ran');
    },
    set only(_v: unknown) {
      ran += 1;
    },
    toJSON() {
      ran += 1;
      return 'toJSON ran';
    },
    toString() {
      ran += 1;
      return 'toString ran';
    },
  };
  t.is(`${q(hostile)}`, '{"boom":"[Getter]","only":"[Setter]","toJSON":"[Function toJSON]","toString":"[Function toString]"}');
  const trapped = new Proxy({}, new Proxy({}, { get: () => () => { ran += 1; throw new Error('trap'); } }));
  t.is(`${q(trapped)}`, '"[Proxy]"');
  t.is(`${q([trapped, new Proxy(() => {}, {})])}`, '["[Proxy]","[Proxy]"]');
  const sneakyError = Object.create(Error.prototype, {
    name: { get: () => { ran += 1; return 'N'; } },
    message: { value: 'm' },
  });
  t.is(`${q(sneakyError)}`, '"[[Getter]: m]"');
  const taggedByGetter = { get [Symbol.toStringTag]() { ran += 1; return 'T'; } };
  t.is(`${q(taggedByGetter)}`, '"[[Getter]]"');
  t.is(makeError(X`${hostile} ${q(hostile)}`).message.startsWith('(an object) {"boom":"[Getter]"'), true);
  t.is(ran, 0);
});

test('q is bounded: depth, count and length are capped', t => {
  let deep: any = 'bottom';
  for (let i = 0; i < 1000; i += 1) deep = [deep];
  const text = `${q(deep)}`;
  t.true(text.includes('"[…]"') && text.length < 1000);
  const wide = new Array(2 ** 31); // sparse: JSON.stringify would visit every index
  t.true(`${q(wide)}`.endsWith(',"[…]"]'));
  const long = 'x'.repeat(300_000);
  t.true(`${q(long)}`.length < 100_010);
  t.is(bestEffortStringify({ a: 1 }), '{"a":1}');
});

test('b: word-like text bare, anything else quoted', t => {
  t.is(`${b('foo bar')}`, 'foo bar');
  t.is(`${b('a-b:c_d9')}`, 'a-b:c_d9');
  t.is(`${b('foo  bar')}`, '"foo  bar"');
  t.is(`${b(' lead')}`, '" lead"');
  t.is(`${b('')}`, '""');
  t.is(`${b('x.y')}`, '"x.y"');
  t.is(`${b(12)}`, '12');
  t.is(makeError(X`must be ${b('an object')}`).message, 'must be an object');
});

test('details tokens: frozen, empty, stringify to the redacted message; look-alikes are refused', t => {
  const token = X`a ${1} b ${q('z')}`;
  t.true(Object.isFrozen(token));
  t.true(Object.isFrozen(Object.getPrototypeOf(token)));
  t.deepEqual(Reflect.ownKeys(token), []);
  t.is(`${token}`, 'a (a number) b "z"');
  t.is(Object.getPrototypeOf(token).toString.call({}), '[Not a DetailsToken]');
  const forged = { template: ['forged ', ''], args: ['x'] };
  const error = thrown(t, () => makeError(forged as any));
  t.true(error instanceof TypeError);
  t.regex(error.message, /^assert\.makeError\(\): unrecognized details \{"args":\["x"\],"template":\["forged ",""\]\}.*\(PF_UNRECOGNIZED_DETAILS\)$/);
  t.regex(messageOf(t, () => assert(false, Object.create(Object.getPrototypeOf(token)))), /PF_UNRECOGNIZED_DETAILS/);
  t.regex(messageOf(t, () => note(new Error(), 5 as any)), /^assert\.note\(\): unrecognized details 5/);
  t.is(`${X(['only literal'])}`, 'only literal', 'a plain array works as a template');
  const template = ['before ', ' after'];
  const snap = X(template, 1);
  template[0] = 'mutated ';
  t.is(`${snap}`, 'before (a number) after', 'literals are snapshotted at the call');
  t.true(Object.isFrozen(q(1)) && Object.isFrozen(q(1).toString));
  t.deepEqual(Object.keys(q(1)), ['toString']);
});

test('makeError: constructor, non-enumerable message, cause, errors, code, sanitize', t => {
  const cause = new Error('root');
  const error = makeError('m', TypeError, { cause, errors: [1], code: 'ECODE', errorName: 'Named' });
  t.true(error instanceof TypeError);
  t.true(Object.isFrozen(error));
  const descs = Object.getOwnPropertyDescriptors(error);
  t.is(descs.message!.value, 'm');
  t.false(descs.message!.enumerable);
  t.is(descs['cause']!.value, cause);
  t.deepEqual(descs['errors']!.value, [1]);
  t.is(descs['code']!.value, 'ECODE');
  t.deepEqual(Object.keys(error), []);
  t.false('cause' in makeError('m', Error, { cause: 0 as any }), 'a falsy cause is no cause');
  const aggregate = makeError('agg', AggregateError, { errors: [cause] });
  t.true(aggregate instanceof AggregateError);
  t.deepEqual((aggregate as AggregateError).errors, [cause]);
  t.deepEqual((makeError('agg', AggregateError) as AggregateError).errors, []);
  const loose = makeError('m', undefined, { sanitize: false });
  t.false(Object.isFrozen(loose));
  t.true(Object.getOwnPropertyDescriptor(loose, 'message')!.writable);
  t.is(Object.getPrototypeOf(makeError('m')), Error.prototype, 'the default: the captured Error');
  const dropped = makeError('m', RangeError, { code: 5 as any });
  t.false('code' in dropped, 'a non-string code is dropped by sanitizing');
  t.is(renderConsoleDetails(getErrorDetailsForConsole(dropped)!.notes[0]!, x => `${q(x)}`), 'originally with properties {"code":5}');
});

test('makeError: a constructor class is constructed; host extras are dropped into a note, getters not called', t => {
  let ran = 0;
  class Extra extends Error {
    constructor(message: string) {
      super(message);
      Object.defineProperty(this, 'secret', { value: 'kept for the console', enumerable: true, configurable: true });
      Object.defineProperty(this, 'trap', { get: () => { ran += 1; return 1; }, configurable: true });
    }
  }
  const error = makeError('m', Extra as any);
  t.true(error instanceof Extra);
  t.deepEqual(Reflect.ownKeys(error).sort(), ['message', 'stack']);
  t.is(ran, 0);
  const [dropNote] = getErrorDetailsForConsole(error)!.notes;
  t.is(renderConsoleDetails(dropNote!, x => `${q(x)}`), 'originally with properties {"secret":"kept for the console","trap":"[Getter]"}');
});

test('makeError rejects bad options and constructors with PF_BAD_ASSERT_ARGUMENT', t => {
  const bad: [unknown, unknown][] = [
    [Error, { sanitise: false }],
    [Error, 'options'],
    [Error, { errorName: 5 }],
    [Error, { sanitize: 'no' }],
    [Error, { get cause() { return 1; } }],
    [Error, { [Symbol('x')]: 1 }],
    [42, undefined],
  ];
  for (const [ctor, options] of bad) {
    const error = thrown(t, () => makeError('m', ctor as any, options as any));
    t.true(error instanceof TypeError);
    t.regex(error.message, /^assert\.makeError\(\): .*\(PF_BAD_ASSERT_ARGUMENT\)$/);
  }
  t.regex(messageOf(t, () => assert.fail('m', undefined, { bogus: 1 } as any)), /^assert\.fail\(\): unknown option "bogus"/);
  t.regex(messageOf(t, () => note(5 as any, 'n')), /PF_BAD_ASSERT_ARGUMENT/);
  t.regex(messageOf(t, () => makeAssert(5 as any)), /PF_BAD_ASSERT_ARGUMENT/);
});

test('makeAssert(raise) calls raise with the error before throwing it', t => {
  const raised: Error[] = [];
  const custom = makeAssert(reason => void raised.push(reason));
  const error = thrown(t, () => custom(false, 'stop'));
  t.is(raised.length, 1);
  t.is(raised[0], error);
  thrown(t, () => custom.Fail`x`);
  thrown(t, () => custom.equal(1, 2));
  thrown(t, () => custom.typeof(1, 'string'));
  t.is(raised.length, 4);
  t.not(custom, assert);
  t.is(custom.makeError, makeError, 'the utilities are shared');
});

test('unredacted mode: every value is shown, as if quoted', t => {
  const loud = makeAssert(undefined, true);
  t.is(loud.details, makeAssert(undefined, true).details);
  t.not(loud.details, X);
  t.is(messageOf(t, () => loud.fail(loud.details`v=${'s'} n=${1} o=${{ a: [1n] }} e=${new Error('x')} b=${b('raw')}`)),
    'v="s" n=1 o={"a":["[1n]"]} e="[Error: x]" b=raw');
  t.is(messageOf(t, () => loud.equal(1, 2)), 'Expected 1 is same as 2');
  t.is(messageOf(t, () => loud.typeof(1, 'string')), '1 must be a string');
  t.is(messageOf(t, () => loud.Fail`${'shown'}`), '"shown"');
});

test('notes and the unredacted message reach the console hook, not the error', t => {
  const inner = new RangeError('inner');
  const error = makeError(X`bad ${'secret'} q=${q(42)} b=${b('word')} e=${inner}`, TypeError, { errorName: 'Op' });
  t.is(error.message, 'bad (a string) q=42 b=word e=(a RangeError)');
  note(error, X`note ${'hidden'}`);
  note(error, 'plain note');
  const hidden = getErrorDetailsForConsole(error)!;
  t.true(Object.isFrozen(hidden) && Object.isFrozen(hidden.notes));
  t.deepEqual(hidden.message, { literals: ['bad ', ' q=', ' b=', ' e=', ''], values: ['secret', 42, 'word', inner] });
  t.deepEqual(hidden.notes.map(n => renderConsoleDetails(n, String)), ['note hidden', 'plain note']);
  t.regex(hidden.tag!, /^Op#\d+$/);
  t.is(getErrorDetailsForConsole(new Error('plain')), undefined);
  t.is(getErrorDetailsForConsole('x'), undefined);
  const plain = new Error('annotated');
  for (let i = 0; i < 150; i += 1) note(plain, X`n${q(i)}`);
  const notes = getErrorDetailsForConsole(plain)!.notes;
  t.is(notes.length, 100, 'at most the last 100 notes');
  t.is(notes[0]!.values[0], 50);

  const lines: string[] = [];
  const causal = makeCausalConsole({ error: (...args: unknown[]) => void lines.push(args.join(' ')) }, () => '');
  causal.error('failed:', error);
  const text = lines.join('\n');
  t.regex(text, /^failed: Op#\d+ TypeError: bad secret q=42 b=word e=\(RangeError: inner\)/);
  t.true(text.includes('\n  Note: note hidden\n  Note: plain note'));
  t.true(text.includes('\n  Nested error: RangeError: inner'));
});
