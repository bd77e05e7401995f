// The same `assert` scenarios run against ses 2.3's assert (the global that `import 'ses'`
// installs, and its makeAssert) and against Permafrost's: messages and shapes must be IDENTICAL
// where we intend compatibility; each deliberate difference is asserted on our side and logged
// (t.log) beside what ses does. Never calls lockdown.
import 'ses';
import test from 'ava';
import { makeAssert as ourMakeAssert } from '../src/error/index.js';

type AnyAssert = any;
const sesUnredacted: AnyAssert = (globalThis as any).assert; // ses: unredacted until lockdown
const sesAssert: AnyAssert = sesUnredacted.makeAssert(); // ses: redacting, as after lockdown
const ourAssert: AnyAssert = ourMakeAssert();
const ourUnredacted: AnyAssert = ourMakeAssert(undefined, true);

/** What a scenario produced, as one comparable string. */
const outcome = (fn: () => unknown): string => {
  try {
    const value = fn();
    return `returned ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
  } catch (error: any) {
    return `threw ${error?.constructor?.name}: ${JSON.stringify(error?.message)}`;
  }
};

/** Runs `scenario` with each side's assert; `same` must match exactly. */
const compare = (t: any, label: string, scenario: (A: AnyAssert) => unknown, unredacted = false): void => {
  const ses = outcome(() => scenario(unredacted ? sesUnredacted : sesAssert));
  const ours = outcome(() => scenario(unredacted ? ourUnredacted : ourAssert));
  t.is(ours, ses, label);
};

const kinds: [string, () => unknown][] = [
  ['string', () => 'secret'],
  ['number', () => 42],
  ['bigint', () => 42n],
  ['boolean', () => false],
  ['symbol', () => Symbol('s')],
  ['undefined', () => undefined],
  ['null', () => null],
  ['object', () => ({ a: 1 })],
  ['array', () => [1, 2]],
  ['function', () => function f() {}],
  ['Error', () => new Error('e')],
  ['TypeError', () => new TypeError('e')],
  ['AggregateError', () => new AggregateError([], 'e')],
  ['Map', () => new Map()],
  ['Date', () => new Date(0)],
  ['null prototype', () => Object.create(null)],
];

test('compat: redaction wording of each kind of value, redacting and unredacted', t => {
  for (const [label, make] of kinds) {
    compare(t, `redacted ${label}`, A => A.fail(A.details`value: ${make()}.`));
    compare(t, `unredacted ${label}`, A => A.fail(A.details`value: ${make()}.`), true);
    compare(t, `token toString ${label}`, A => `${A.details`<${make()}>`}`);
  }
});

test('compat: q renders as ses does (JSON-like, brackets, [Seen], sorted keys, spaces)', t => {
  const cycle: any = { b: 1, a: 2 };
  cycle.self = cycle;
  const shared = { x: 1 };
  let deep: any = 'end';
  for (let i = 0; i < 40; i += 1) deep = { d: deep };
  const values: [string, () => unknown, (string | number)?][] = [
    ...kinds,
    ['string with bracket', () => '[x]'],
    ['NaN and infinities', () => [NaN, Infinity, -Infinity, -0, 1.5e300]],
    ['nested bigint/symbol/undefined', () => ({ b: 1n, s: Symbol.for('k'), u: undefined })],
    ['cycle', () => cycle],
    ['repeated subtree', () => [shared, { again: shared }]],
    ['unsorted keys', () => ({ z: 1, a: { y: 2, b: 3 } })],
    ['integer and string keys', () => ({ b: 1, 10: 2, 9: 3, a: 4 })],
    ['holes', () => [, 1, , 2]], // eslint-disable-line no-sparse-arrays
    ['named and anonymous functions', () => [function named() {}, () => {}, class K {}]],
    ['errors inside', () => ({ e: new RangeError('r') })],
    ['typed array and buffer', () => [new Uint8Array(3), new ArrayBuffer(2), new DataView(new ArrayBuffer(1))]],
    ['Map, Set, Promise, WeakMap', () => [new Map([[1, 2]]), new Set([1]), Promise.resolve(), new WeakMap()]],
    ['valid and invalid Date', () => [new Date(86400000), new Date(NaN)]],
    ['wrappers', () => [Object(1), Object('short'), Object(true), Object(1n), Object(Symbol('w'))]],
    ['class instance', () => new (class P { x = 1; y = [2]; })()],
    ['depth 40', () => deep],
    ['spaces 2', () => ({ a: [1, { b: 2 }], c: {} }), 2],
    ['spaces 20 (capped at 10)', () => ({ a: 1 }), 20],
    ['spaces string', () => [1, [2]], '->'],
    ['empty containers with spaces', () => [[], {}], 2],
  ];
  for (const [label, make, spaces] of values) {
    compare(t, `q ${label}`, A => `${A.quote(make(), spaces)}`);
    compare(t, `message with q ${label}`, A => A.fail(A.details`v=${A.quote(make(), spaces)}`));
  }
});

test('compat: b shows word-like text bare and quotes the rest', t => {
  for (const text of ['foo', 'foo bar', 'a-b:c_d9', 'foo  bar', ' lead', 'trail ', '', 'x.y', 'naïve', 12, null, ['a']]) {
    compare(t, `b ${JSON.stringify(text)}`, A => `${A.bare(text)}`);
  }
});

test('compat: assert, equal, typeof, string, fail, Fail messages and error constructors', t => {
  const scenarios: [string, (A: AnyAssert) => unknown][] = [
    ['assert(true)', A => A(true)],
    ['assert(false)', A => A(false)],
    ['assert(0, string)', A => A(0, 'plain details')],
    ['assert(false, null)', A => A(false, null)],
    ['assert(false, X, RangeError)', A => A(false, A.details`x=${1}`, RangeError)],
    ['equal same', A => A.equal(NaN, NaN)],
    ['equal 0 -0', A => A.equal(0, -0)],
    ['equal with empty details', A => A.equal('a', 'b', '')],
    ['equal with details and TypeError', A => A.equal(1, 2, A.details`${A.quote(1)} vs ${2}`, TypeError)],
    ['typeof ok', A => A.typeof(1n, 'bigint')],
    ['typeof string', A => A.typeof(1, 'string')],
    ['typeof object', A => A.typeof('s', 'object')],
    ['typeof undefined', A => A.typeof(null, 'undefined')],
    ['typeof bad typename', A => A.typeof(1, 5)],
    ['typeof custom details', A => A.typeof(1, 'function', 'custom')],
    ['typeof null details', A => A.typeof(1, 'string', null)],
    ['string', A => A.string(1)],
    ['string with details', A => A.string(1, A.details`want ${A.quote('s')}`)],
    ['fail()', A => A.fail()],
    ['fail(null)', A => A.fail(null)],
    ['fail("")', A => A.fail('')],
    ['fail(details, SyntaxError)', A => A.fail(A.details`a ${'b'} c`, SyntaxError)],
    ['Fail', A => A.Fail`got ${'secret'} and ${A.quote('shown')} and ${A.bare('bare words')}`],
    ['makeError() message', A => A.makeError().message],
    ['makeError(null) message', A => A.makeError(null).message],
    ['error alias', A => A.error('via error').message],
  ];
  for (const [label, scenario] of scenarios) {
    compare(t, label, scenario);
    compare(t, `${label} (unredacted)`, scenario, true);
  }
});

test('compat: errors made by makeError have the same shape', t => {
  const shape = (error: any) =>
    JSON.stringify({
      ctor: error.constructor.name,
      keys: Reflect.ownKeys(error).map(String).sort(),
      frozen: Object.isFrozen(error),
      descs: Object.entries(Object.getOwnPropertyDescriptors(error))
        .filter(([k]) => k !== 'stack')
        .map(([k, d]) => [k, d.writable, d.enumerable, d.configurable, k === 'message' || k === 'code' ? d.value : typeof d.value]),
    });
  const cause = new Error('c');
  const scenarios: [string, (A: AnyAssert) => unknown][] = [
    ['plain', A => shape(A.makeError('m'))],
    ['TypeError with cause, errors, code', A => shape(A.makeError('m', TypeError, { cause, errors: [cause], code: 'E' }))],
    ['falsy cause', A => shape(A.makeError('m', Error, { cause: 0 }))],
    ['AggregateError', A => shape(A.makeError('m', AggregateError, { errors: [cause] }))],
    ['AggregateError without errors', A => shape(A.makeError('m', AggregateError))],
    ['sanitize false', A => shape(A.makeError('m', RangeError, { sanitize: false, code: 'E' }))],
    ['non-string code', A => shape(A.makeError('m', RangeError, { code: 5 }))],
    ['errorName', A => shape(A.makeError('m', Error, { errorName: 'Named' }))],
    ['cause identity', A => A.makeError('m', Error, { cause }).cause === cause],
  ];
  for (const [label, scenario] of scenarios) compare(t, label, scenario);
});

test('compat: the assert object, its keys, lengths, raise and token behaviour', t => {
  compare(t, 'keys', A => Object.keys(A).join());
  compare(t, 'lengths', A => Object.keys(A).map(k => `${k}:${A[k].length}`).join());
  compare(t, 'assert frozen', A => Object.isFrozen(A));
  compare(t, 'shared utilities', A => A.makeAssert().makeError === A.makeError && A.makeAssert().quote === A.quote);
  compare(t, 'token shape', A => {
    const token = A.details`x ${1}`;
    return `${Object.isFrozen(token)} ${Reflect.ownKeys(token).length} ${Object.isFrozen(Object.getPrototypeOf(token))}`;
  });
  compare(t, 'token toString on a stranger', A => Object.getPrototypeOf(A.details`x`).toString.call({}));
  compare(t, 'quote shape', A => `${Object.isFrozen(A.quote(1))} ${Object.keys(A.quote(1))}`);
  compare(t, 'raise', A => {
    const seen: unknown[] = [];
    const raising = A.makeAssert((reason: Error) => void seen.push(reason));
    try {
      raising(false, 'r');
    } catch (error) {
      return `${seen.length} ${seen[0] === error}`;
    }
    return 'no throw';
  });
  compare(t, 'note returns undefined', A => A.note(new Error('x'), A.details`n ${1}`));
  compare(t, 'note with string', A => A.note(new Error('x'), 'plain'));
});

/** A deliberate difference: `ours` must be what we intend; ses's outcome is logged beside it. */
const differ = (t: any, label: string, scenario: (A: AnyAssert) => unknown, expectedOurs: string | RegExp): void => {
  const ses = outcome(() => scenario(sesAssert));
  const ours = outcome(() => scenario(ourAssert));
  if (typeof expectedOurs === 'string') t.is(ours, expectedOurs, label);
  else t.regex(ours, expectedOurs, label);
  t.not(ours, ses, `${label}: expected to differ from ses`);
  t.log(`${label}\n    ses:        ${ses}\n    Permafrost: ${ours}`);
};

test('compat: deliberate differences (logged)', t => {
  let getterRuns = 0;
  const throwing = { ok: 1, get boom(): never { throw new Error('getter'); } };
  const working = { get n() { getterRuns += 1; return 7; } };
  differ(t, 'q of an object with a throwing getter (we never call getters)', A => `${A.quote(throwing)}`,
    'returned "{\\"boom\\":\\"[Getter]\\",\\"ok\\":1}"');
  differ(t, 'q of an object with a getter (shown as [Getter], not its value)', A => `${A.quote(working)}`,
    'returned "{\\"n\\":\\"[Getter]\\"}"');
  t.is(getterRuns, 1, 'only ses ran the getter');
  differ(t, 'q of an object with toJSON (not called)', A => `${A.quote({ toJSON: () => 'J' })}`,
    'returned "{\\"toJSON\\":\\"[Function toJSON]\\"}"');
  differ(t, 'q of a proxy (no trap runs)', A => `${A.quote(new Proxy({ a: 1 }, {}))}`, 'returned "\\"[Proxy]\\""');
  differ(t, 'q of a revoked proxy', A => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return `${A.quote([1, proxy])}`;
  }, 'returned "[1,\\"[Proxy]\\"]"');
  let nested: any = 'end';
  for (let i = 0; i < 100; i += 1) nested = [nested];
  differ(t, 'q of nesting deeper than 64 (elided)', A => `${A.quote(nested)}`.includes('"[…]"'), 'returned true');
  differ(t, 'forged details { template, args } (our error names the API and a code)', A => A.makeError({ template: ['x'], args: [] }),
    /^threw TypeError: "assert\.makeError\(\): unrecognized details .*\(PF_UNRECOGNIZED_DETAILS\)"$/);
  differ(t, 'unknown makeError option (ses ignores it; we reject it)', A => A.makeError('m', Error, { sanitise: false }).message,
    /^threw TypeError: "assert\.makeError\(\): unknown option \\"sanitise\\".*PF_BAD_ASSERT_ARGUMENT/);
  differ(t, 'a class as error constructor (we construct it; ses calls it without new)', A => {
    class Mine extends Error {}
    return A.makeError('m', Mine) instanceof Mine;
  }, 'returned true');
  differ(t, 'assert.string and assert.Fail are frozen too', A => `${Object.isFrozen(A.string)} ${Object.isFrozen(A.Fail)}`, 'returned "true true"');
  differ(t, 'note on a primitive (a coded TypeError, not a WeakMap one)', A => A.note(5, 'n'),
    /^threw TypeError: "assert\.note\(\): the error must be an object.*PF_BAD_ASSERT_ARGUMENT/);
  const sneakyError = Object.create(Error.prototype, { name: { get: () => 'FromGetter' } });
  differ(t, 'redacting an error whose name is a getter (not called)', A => A.fail(A.details`${sneakyError}`),
    'threw Error: "(a [Getter])"');
});
