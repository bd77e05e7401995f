// compartment.makeRequire(config), after the seed SES (0.6) design: the seed's own examples
// (README and test-require.js), laziness and caching, unknown names, bad configs, and the
// wrapping of host values (nothing unfrozen of the host is reachable from what guests get).
import test from 'ava';
import { Compartment, harden, lockdown } from '../src/index.js';
import { makeSESRootRealm } from '../src/legacy/index.js';
import { findReachableProblems } from './_frozen-walk.js';

// A sloppy host function (made before lockdown, when Function still makes sloppy functions): it
// has own `caller` and `arguments` properties, which a wrapper must never expose.
const sloppyHost = new Function('cb', 'return cb()') as (cb: () => unknown) => unknown;

lockdown({ reporting: 'none' });

// Free names of the functions below that are stringified and evaluated in a realm.
declare const require: (name: string) => any;
declare const SES: any;

// @agoric/nat, as the seed's README uses it: a standalone function, stringified into the realm.
function Nat(allegedNum: unknown): number {
  if (typeof allegedNum !== 'number') throw new RangeError('not a number');
  if (!Number.isSafeInteger(allegedNum) || allegedNum < 0) throw new RangeError('not a natural number');
  return allegedNum;
}
function mymod(x: number): number {
  return x + x;
}

const walk = (roots: Record<string, unknown>) =>
  findReachableProblems(roots, new Map(), { checkWhitelist: false, freeze: true }).problems;

test('seed README: function modules are stringified, re-made in the realm and hardened', t => {
  const s = makeSESRootRealm();
  const req = s.makeRequire({ '@agoric/nat': Nat, double: mymod });
  function inner(y: number) {
    const double = require('double');
    const Nat2 = require('@agoric/nat');
    return double(Nat2(y));
  }
  const innerFn = s.evaluate(`(${inner})`, { require: req });
  t.is(innerFn(1), 2);
  t.throws(() => innerFn(-1), { instanceOf: RangeError, message: 'not a natural number' });
  // The module is the function made from the text (seed: `r.evaluate(`(${c})`)`), not called.
  const double = req('double');
  t.not(double, mymod);
  t.is(double.name, 'mymod');
  t.is(double(21), 42);
  t.true(Object.isFrozen(double) && Object.isFrozen(double.prototype));
  t.false(Object.isFrozen(mymod), 'the host function is only read');
});

test('function modules see the compartment, not the host closure', t => {
  const secret = 42;
  const c = new Compartment({ __options__: true, globals: { base: 10 } });
  const req = c.makeRequire({
    usesGlobal: (x: number) => x + (globalThis as any).base,
    usesClosure: () => secret,
  });
  t.is(req('usesGlobal')(1), 11);
  t.throws(() => req('usesClosure')(), { instanceOf: ReferenceError });
});

test('seed test: @agoric/harden is harden itself', t => {
  const s = makeSESRootRealm();
  const req = s.makeRequire({ '@agoric/harden': true });
  t.is(req('@agoric/harden'), harden);
  function check() {
    const harden2 = require('@agoric/harden');
    const defMe1: any = function me() {};
    defMe1.other = {};
    return { defMe1, defMe2: harden2(defMe1) };
  }
  const { defMe1, defMe2 } = s.evaluate(`${check}; check()`, { require: req });
  t.is(defMe1, defMe2);
  t.true(Object.isFrozen(defMe1.other));
});

test('attenuator: a host logger attenuated to some levels, made lazily, once', t => {
  const lines: string[] = [];
  let made = 0;
  const hostLog = (level: string, message: string) => {
    lines.push(`${level}: ${message}`);
  };
  const levels = ['info', 'warn'];
  function makeLogger(rest: { log: typeof hostLog; levels: string[]; made: () => void }) {
    rest.made();
    const logger: Record<string, (m: string) => void> = {};
    for (const level of rest.levels) logger[level] = m => rest.log(level, `${m}`);
    return logger;
  }
  const c = new Compartment();
  const req = c.makeRequire({
    logger: { attenuatorSource: `${makeLogger}`, log: hostLog, levels, made: () => (made += 1) },
  });
  t.is(made, 0, 'makeRequire is lazy');
  const logger = req('logger');
  t.is(made, 1);
  t.is(req('logger'), logger, 'cached per require');
  t.is(made, 1);
  t.true(Object.isFrozen(logger));
  const guest = c.evaluate(`(logger => { logger.info('up'); logger.warn('low disk'); return typeof logger.debug; })`);
  t.is(guest(logger), 'undefined', 'levels not granted are absent');
  t.deepEqual(lines, ['info: up', 'warn: low disk']);
  t.false(Object.isFrozen(levels), 'plain host data crosses as a hardened copy');
  t.false(Object.isFrozen(hostLog), 'host functions cross as wrappers');
  // Another require has its own cache.
  const req2 = c.makeRequire({ logger: { attenuatorSource: `${makeLogger}`, log: hostLog, levels, made: () => (made += 1) } });
  t.not(req2('logger'), logger);
  t.is(made, 2);
});

test('the attenuator gets the rest of the entry, never the host values themselves', t => {
  const hostObject = { nested: { n: 1 }, list: [1, { deep: true }] };
  const hostFn = () => 1;
  class Counter {
    count = 0;
  }
  const counter = new Counter();
  const c = new Compartment();
  const rest = c.makeRequire({ m: { attenuatorSource: '(rest) => rest', hostObject, hostFn, counter } })('m');
  t.deepEqual(Object.keys(rest), ['hostObject', 'hostFn', 'counter'], 'no attenuatorSource');
  t.not(rest.hostObject, hostObject);
  t.deepEqual(rest.hostObject, hostObject);
  t.false(Object.isFrozen(hostObject) || Object.isFrozen(hostObject.nested), 'copied, not frozen');
  t.not(rest.hostFn, hostFn);
  t.is(rest.hostFn(), 1);
  t.is(rest.counter, counter, 'a class instance is hardened in place (docs/legacy.md)');
  t.true(Object.isFrozen(counter));
  t.deepEqual(walk({ rest }), []);
  // Functions of the entry run with the host's entry as `this`, as when the seed passed it raw.
  const entry = { attenuatorSource: '(r) => r.inc', count: 0, inc(this: { count: number }) { return (this.count += 1); } };
  const inc = c.makeRequire({ inc: entry })('inc');
  t.is(inc(), 1);
  t.is(entry.count, 1);
});

test('seed test "require can use attenuators", with host data hardened', t => {
  const output: string[] = [];
  const power = (x: number) => {
    output.push(`power: ${x}`);
  };
  function makeAttenuator(endowments: any) {
    function lesserPower(x: number) {
      endowments.power(x * 2);
      return 3;
    }
    lesserPower.childProp = {};
    lesserPower.outputIsFrozen = Object.isFrozen(endowments.output);
    return lesserPower;
  }
  const s = makeSESRootRealm();
  const req = s.makeRequire({ foo: { attenuatorSource: `(${makeAttenuator})`, power, output } });
  const foo = s.evaluate(`(() => require('foo'))()`, { require: req });
  t.true(Object.isFrozen(foo) && Object.isFrozen(foo.childProp));
  t.true(foo.outputIsFrozen, 'the seed let attenuators push onto host arrays; here they get hardened copies');
  t.false(Object.isFrozen(power), 'power is closed over by its wrapper, harden ignores it');
  t.is(foo(1), 3);
  t.deepEqual(output, ['power: 2']);
});

test('seed test "attenuators that leak properties flunk harden()": here they cannot leak', t => {
  function power() {}
  function makeAttenuator(endowments: any) {
    function lesserPower() {}
    lesserPower.childProp = endowments.power;
    return lesserPower;
  }
  const c = new Compartment();
  const foo = c.makeRequire({ foo: { attenuatorSource: `(${makeAttenuator})`, power } })('foo');
  t.not(foo.childProp, power, 'the attenuator only ever held a wrapper');
  t.false(Object.isFrozen(power));
  t.deepEqual(walk({ foo }), []);
});

test('unknown names: an Error naming only what was asked', t => {
  const c = new Compartment();
  const req = c.makeRequire({ secretModuleName: mymod });
  const error = t.throws(() => req('unknown'), { instanceOf: Error, message: /PF_MODULE_NOT_FOUND/ })!;
  t.is(error.message, 'require(): cannot find module "unknown" (PF_MODULE_NOT_FOUND)');
  t.false(error.message.includes('secretModuleName'));
  t.throws(() => req('toString'), { message: /PF_MODULE_NOT_FOUND/ }, 'inherited names are not modules');
  t.throws(() => (req as any)(1), { message: /cannot find module "1"/ }, 'the name is the string form, as in the seed');
  // Seed test: require(unknown) inside the realm throws.
  const s = makeSESRootRealm();
  const req2 = s.makeRequire({ known: Nat });
  t.throws(() => s.evaluate(`require('unknown')`, { require: req2 }), { instanceOf: Error });
});

test('require is hardened, not a constructor, and reusable from nested confinement (seed test)', t => {
  const s = makeSESRootRealm();
  const req = s.makeRequire({ '@agoric/nat': Nat });
  t.true(Object.isFrozen(req));
  t.throws(() => new (req as any)('x'), { instanceOf: TypeError });
  function t3() {
    return require('@agoric/nat')(0);
  }
  function t2(t3src: string) {
    return SES.confine(t3src, { require })();
  }
  function t1(t2src: string, t3src: string) {
    return SES.confine(t2src, { require })(t3src);
  }
  t.is(s.evaluate(`(${t1})`, { require: req })(`(${t2})`, `(${t3})`), 0);
});

test('config is checked and read once, when makeRequire is called', t => {
  const c = new Compartment();
  let reads = 0;
  const config: Record<string, unknown> = {
    get lazy() {
      reads += 1;
      return mymod;
    },
  };
  Object.defineProperty(config, 'hidden', { value: 5, enumerable: false });
  (config as any)[Symbol('s')] = 5;
  const req = c.makeRequire(config as any);
  t.is(reads, 1);
  config.added = mymod;
  t.throws(() => req('added'), { message: /PF_MODULE_NOT_FOUND/ }, 'later changes are not seen');
  t.is(req('lazy')(2), 4);
  t.is(reads, 1);
});

// accept/reject table: each bad config is refused by makeRequire itself, naming the module.
const bound = mymod.bind(null);
const rejected: [string, unknown, RegExp][] = [
  ['a number', 3, /module "m": expected a function or an object with attenuatorSource, got a value of kind number/],
  ['a string', 'src', /kind string/],
  ['null', null, /kind null/],
  ['undefined', undefined, /kind undefined/],
  ['false', false, /kind boolean/],
  ['a built-in function', Math.max, /built-in, bound or proxy function/],
  ['a bound function', bound, /built-in, bound or proxy function/],
  ['a proxy of a function', new Proxy(mymod, {}), /built-in, bound or proxy function/],
  ['a class', class Widget {}, /a class is not a module function/],
  ['an object without attenuatorSource', { power: mymod }, /needs a string attenuatorSource, got a value of kind undefined/],
  ['a non-string attenuatorSource', { attenuatorSource: mymod }, /kind function/],
];
for (const [what, value, message] of rejected) {
  test(`bad config entry: ${what}`, t => {
    const error = t.throws(() => new Compartment().makeRequire({ m: value } as any), { instanceOf: TypeError })!;
    t.regex(error.message, message);
    t.regex(error.message, /PF_BAD_REQUIRE_CONFIG/);
  });
}

test('bad config: not an object; @agoric/harden must be true; receivers are checked', t => {
  const c = new Compartment();
  for (const config of [undefined, null, 1, 'x']) {
    t.throws(() => c.makeRequire(config as any), { instanceOf: TypeError, message: /config must be an object.*PF_BAD_REQUIRE_CONFIG/ });
  }
  t.throws(() => c.makeRequire({ '@agoric/harden': mymod }), { message: /"@agoric\/harden": the value must be true/ });
  t.throws(() => Compartment.prototype.makeRequire.call({}, {}), { message: /PF_NOT_A_COMPARTMENT/ });
});

test('errors while making a module reach the guest; the module is tried again next time', t => {
  const c = new Compartment();
  let fail = true;
  const req = c.makeRequire({
    method: { double(x: number) { return x * 2; } }.double,
    notFn: { attenuatorSource: '({ not: "a function" })' },
    flaky: { attenuatorSource: '(rest) => rest.check()', check: () => { if (fail) throw new RangeError('not yet'); return 'ok'; } },
  });
  t.throws(() => req('method'), { instanceOf: SyntaxError }, 'method text is not an expression');
  t.throws(() => req('notFn'), { instanceOf: TypeError, message: /attenuatorSource evaluated to a value of kind object, not a function/ });
  t.throws(() => req('flaky'), { instanceOf: RangeError, message: 'not yet' });
  fail = false;
  t.is(req('flaky'), 'ok');
});

test('host function wrappers: nothing unfrozen of the host is reachable', t => {
  class HostError extends TypeError {
    hostSecret = { mutable: true };
  }
  const hostState = { calls: 0, inner: { mutable: true } };
  const hostFns = {
    throwsError: () => {
      throw new HostError('refused');
    },
    throwsObject: () => {
      throw { message: 'plain', hostState };
    },
    throwsPrimitive: () => {
      throw 'just a string';
    },
    returnsRecord() {
      hostState.calls += 1;
      return { state: hostState, bump: () => (hostState.calls += 1), self() { return this; } };
    },
    returnsFunction: () => () => hostState,
    callsBack: (cb: () => unknown) => sloppyHost(cb),
  };
  const c = new Compartment();
  const w = c.makeRequire({ host: { attenuatorSource: '(rest) => rest', ...hostFns } })('host');

  const caught = (f: () => unknown): any => {
    try {
      f();
    } catch (error) {
      return error;
    }
    return t.fail('did not throw');
  };
  const e1 = caught(() => w.throwsError());
  t.true(e1 instanceof TypeError && !(e1 instanceof HostError));
  t.is(e1.message, 'refused');
  t.false('hostSecret' in e1);
  t.true(Object.isFrozen(e1));
  const e2 = caught(() => w.throwsObject());
  t.true(e2 instanceof Error);
  t.is(e2.message, 'plain');
  t.is(caught(() => w.throwsPrimitive()), 'just a string');

  const record = w.returnsRecord();
  t.not(record.state, hostState);
  t.false(Object.isFrozen(hostState), 'the host keeps its own mutable state');
  t.is(record.bump(), 2, 'methods are wrapped too');
  t.not(record.self(), record);
  const leaked = w.returnsFunction()();
  t.not(leaked, hostState);

  // A guest callback run by a sloppy host function cannot climb the stack to it.
  const probe = c.evaluate(`(w) => w.callsBack(function () {
    const found = [];
    try { found.push(w.callsBack.caller); } catch (e) { found.push(e); }
    try { found.push(w.callsBack.arguments); } catch (e) { found.push(e); }
    try { found.push(arguments.callee); } catch (e) { found.push(e); }
    return found;
  })`);
  const found = probe(w);
  t.true(found.every((x: unknown) => x instanceof TypeError));

  const roots: Record<string, unknown> = {
    w,
    'w.throwsError.constructor': w.throwsError.constructor,
    'w.throwsError.[[Prototype]]': Object.getPrototypeOf(w.throwsError),
    e1,
    e2,
    record,
    leaked,
    found,
  };
  for (const name of Object.keys(hostFns)) {
    t.false(Object.hasOwn(w[name], 'prototype') || Object.hasOwn(w[name], 'caller') || Object.hasOwn(w[name], 'arguments'));
    t.throws(() => w[name].caller, { instanceOf: TypeError });
    t.throws(() => new w[name](), { instanceOf: TypeError }, 'not a constructor');
  }
  t.is(w.throwsError.name, 'throwsError');
  t.deepEqual(walk(roots), []);
  // The walk does find unfrozen host objects when they are handed over raw.
  t.true(walk({ raw: hostFns.callsBack, sloppyHost }).length > 0);
});
