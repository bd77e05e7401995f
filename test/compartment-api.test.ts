// Compartment API (ses 2.3 compatible): constructor forms and options, the global object and its
// own evaluators, evaluate/evaluateExpr, endowments, free-name semantics, and the differences from
// ses that are deliberate (unknown options rejected, unbound reads throw).
import test from 'ava';
import { Compartment, harden, lockdown } from '../src/index.js';
import { universalGlobals, sharedGlobals } from '../whitelist/permits.js';

lockdown({ reporting: 'none' });

const make = (globals: object = {}, extra: object = {}) => new Compartment({ __options__: true, globals, ...extra });

test('options bag: globals, name, transforms; globalThis and name accessors', t => {
  const c = make({ a: 1 }, { name: 'guest', transforms: [(s: string) => s.replace('X', 'a')] });
  t.is(c.name, 'guest');
  t.is(c.evaluate('X + 1'), 2);
  t.is(c.globalThis.a, 1);
  t.is(c.globalThis.globalThis, c.globalThis);
  t.is(new Compartment().name, '<unknown>');
  t.is(Object.prototype.toString.call(c), '[object Compartment]');
  t.false(c.__noNamespaceBox__);
  t.true(make({}, { __noNamespaceBox__: true }).__noNamespaceBox__);
});

test('legacy positional form: (globals, modules, options)', t => {
  const c = new Compartment({ b: 2 }, {}, { name: 'legacy' });
  t.is(c.evaluate('b * 3'), 6);
  t.is(c.name, 'legacy');
  t.is(new Compartment(null, null).evaluate('1'), 1);
  t.throws(() => new Compartment({}, {}, { globals: {} }), { instanceOf: TypeError, message: /PF_BAD_OPTIONS/ });
  t.throws(() => new Compartment({}, {}, { modules: {} }), { instanceOf: TypeError, message: /PF_BAD_OPTIONS/ });
});

test('options are validated: unknown names, wrong types, accessors, the sigil', t => {
  const bad: [object, RegExp][] = [
    [{ __options__: true, globalz: {} }, /unknown option "globalz".*PF_UNKNOWN_OPTION/],
    [{ __options__: true, loadHook: () => {} }, /PF_UNKNOWN_OPTION/],
    [{ __options__: true, [Symbol('x')]: 1 }, /of kind symbol.*PF_UNKNOWN_OPTION/],
    [{ __options__: true, name: 3 }, /"name" must be a string.*PF_BAD_OPTION_VALUE/],
    [{ __options__: true, importHook: 'no' }, /"importHook" must be a function/],
    [{ __options__: true, resolveHook: {} }, /"resolveHook" must be a function/],
    [{ __options__: true, transforms: 'no' }, /"transforms" must be an array/],
    [{ __options__: true, transforms: [1] }, /"transforms\[0\]" must be a function/],
    [{ __options__: true, __shimTransforms__: [null] }, /__shimTransforms__\[0\]/],
    [{ __options__: true, noAggregateLoadErrors: 1 }, /must be a boolean/],
    [{ __options__: true, globals: 1 }, /"globals" must be an object/],
    [{ __options__: false }, /sigil must be true.*PF_BAD_OPTION_VALUE/],
    [{ __options__: true, get name() { return 'x'; } }, /accessor.*PF_BAD_OPTIONS/],
  ];
  for (const [options, message] of bad) {
    t.throws(() => new Compartment(options as never), { instanceOf: TypeError, message }, JSON.stringify(options));
  }
  t.throws(() => new (Compartment as any)({ __options__: true }, {}), { message: /exactly one argument/ });
  t.throws(() => new Compartment({}, {}, { bogus: 1 } as never), { message: /PF_UNKNOWN_OPTION/ });
  // Module options are accepted and kept for the module loader.
  t.notThrows(
    () =>
      new Compartment({
        __options__: true,
        modules: {},
        resolveHook: (s: string) => s,
        importHook: async () => ({}),
        importNowHook: () => ({}),
        moduleMapHook: () => undefined,
        importMetaHook: () => {},
        noAggregateLoadErrors: true,
      }),
  );
});

test('the constructor needs new; prototype.constructor is inert; methods check their receiver', t => {
  t.throws(() => (Compartment as any)(), { instanceOf: TypeError, message: /PF_COMPARTMENT_REQUIRES_NEW/ });
  t.throws(() => new (Compartment.prototype.constructor as any)(), { message: /PF_INERT_COMPARTMENT_CONSTRUCTOR/ });
  t.throws(() => Compartment.prototype.evaluate.call({}, '1'), { instanceOf: TypeError, message: /PF_NOT_A_COMPARTMENT/ });
  const getter = Object.getOwnPropertyDescriptor(Compartment.prototype, 'globalThis')!.get!;
  t.throws(() => getter.call(Object.create(Compartment.prototype)), { message: /PF_NOT_A_COMPARTMENT/ });
  t.true(Object.isFrozen(Compartment) && Object.isFrozen(Compartment.prototype));
  t.is(String(Compartment), 'function Compartment() { [native code] }');
});

test('global object: ordinary, universal and shared globals with ses attributes, own evaluators', t => {
  const g = new Compartment().globalThis;
  t.is(Object.getPrototypeOf(g), Object.prototype);
  for (const name of ['Infinity', 'NaN', 'undefined']) {
    const d = Object.getOwnPropertyDescriptor(g, name)!;
    t.deepEqual([d.writable, d.enumerable, d.configurable], [false, false, false], name);
  }
  for (const name of [...Object.keys(universalGlobals), ...Object.keys(sharedGlobals), 'globalThis', 'eval', 'Function', 'Compartment']) {
    if (['Infinity', 'NaN', 'undefined'].includes(name)) continue;
    const d = Object.getOwnPropertyDescriptor(g, name);
    if (d === undefined) continue; // not on this engine
    t.deepEqual([d.writable, d.enumerable, d.configurable], [true, false, true], name);
  }
  t.is(g.Array, Array);
  t.is(g.harden, harden);
  t.not(g.Date, Date, 'the shared Date, not the host one');
  t.throws(() => g.Math.random(), { message: /PF_MATH_RANDOM_DISABLED/ });
  t.is(g.process, undefined);
  t.is(g.require, undefined);
  t.deepEqual(Object.keys(g), []);
});

test('own eval, Function and Compartment: per compartment, frozen, evaluating in that compartment', t => {
  const c1 = make({ a: 1 });
  const c2 = make({ a: 2 });
  const g1 = c1.globalThis;
  t.not(g1.eval, c2.globalThis.eval);
  t.not(g1.Function, Function);
  t.not(g1.Function, c2.globalThis.Function);
  t.true(Object.isFrozen(g1.eval) && Object.isFrozen(g1.Function) && Object.isFrozen(g1.Compartment));
  t.is(g1.eval('a'), 1);
  t.is(g1.eval(42), 42, 'non-strings are returned as they are');
  t.is(g1.Function('b', 'return a + b')(10), 11);
  t.is(new g1.Function('b', 'return a + b')(10), 11);
  t.is(g1.Function.prototype, Function.prototype);
  t.is(g1.Function.prototype.constructor, Function.prototype.constructor, 'the inert shared Function');
  t.is(Object.getPrototypeOf(g1.Function('return 1')), Function.prototype);
  t.is(g1.Function.length, 1);
  t.is(g1.Function('return 1').name, 'anonymous');
  t.is(g1.Function('return this')(), undefined, 'strict');
  t.throws(() => new g1.eval('1'), { instanceOf: TypeError }, 'eval is not a constructor');
  t.is(String(g1.eval), 'function eval() { [native code] }');
  t.is(c1.evaluate('Function("return a")()'), 1);
  t.is(c1.evaluate('eval("a + 1")'), 2);
  const child = new g1.Compartment({ __options__: true, globals: { a: 5 } });
  t.is(child.evaluate('a'), 5);
  t.true(child instanceof Compartment);
  t.is(g1.Compartment.prototype, Compartment.prototype);
  t.not(g1.Compartment, Compartment);
  t.is(child.evaluate('new Compartment().evaluate("typeof a")'), 'undefined');
});

test('endowments: copied as by Object.assign when the compartment is made', t => {
  let reads = 0;
  const globals = {
    get counted() {
      reads += 1;
      return reads;
    },
    x: 1,
  };
  Object.defineProperty(globals, 'hidden', { value: 1, enumerable: false });
  const c = make(globals);
  t.is(reads, 1, 'the getter ran once, during new Compartment()');
  (globals as any).x = 2;
  t.is(c.evaluate('x'), 1, 'a snapshot');
  t.is(c.evaluate('counted'), 1);
  t.is(c.evaluate('typeof hidden'), 'undefined', 'only enumerable properties');
  const d = Object.getOwnPropertyDescriptor(c.globalThis, 'x')!;
  t.deepEqual([d.writable, d.enumerable, d.configurable], [true, true, true]);
  const sym = Symbol('s');
  t.is(make({ [sym]: 3 }).globalThis[sym], 3);
  t.is(make({ Array: 'mine' }).evaluate('Array'), 'mine', 'endowments override universal globals');
  t.false(Object.getOwnPropertyDescriptor(make({ Array: 1 }).globalThis, 'Array')!.enumerable, 'as Object.assign keeps attributes');
  t.throws(() => make({ undefined: 1 }), { instanceOf: TypeError }, 'read-only globals cannot be endowed');
  t.throws(() => make({ NaN: 1 }), { instanceOf: TypeError });
  const protoEndowed = make({ __proto__: null } as object);
  t.is(Object.getPrototypeOf(protoEndowed.globalThis), Object.prototype);
});

test('evaluate: strict scripts, completion values, `this`, top-level declarations local to one call', t => {
  const c = make({ a: 3 });
  t.is(c.evaluate('1 + a'), 4);
  t.is(c.evaluate('this'), c.globalThis, 'top-level this is the global object, as in ses');
  t.is(c.evaluate('(() => this)()'), c.globalThis);
  t.is(c.evaluate('(function () { return this; })()'), undefined, 'strict');
  t.is(c.evaluate('var v = 1; let l = 2; const k = 3; function f() {} class C {} v + l + k'), 6);
  for (const name of ['v', 'l', 'k', 'f', 'C']) {
    t.false(name in c.globalThis, name);
    t.is(c.evaluate(`typeof ${name}`), 'undefined', name);
  }
  t.throws(() => c.evaluate('with ({}) {}'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('010'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('delete a'), { instanceOf: SyntaxError });
  t.is(c.evaluate('#!/usr/bin/env node\na'), 3);
  t.is(c.evaluate('a // trailing comment'), 3);
  t.throws(() => c.evaluate(1 as never), { instanceOf: TypeError, message: /PF_SOURCE_NOT_STRING/ });
});

test('evaluate options: transforms (local then compartment), sloppyGlobalsMode, evasion flags, unknown names', t => {
  const order: string[] = [];
  const c = make({}, { transforms: [(s: string) => (order.push('compartment'), s)] });
  c.evaluate('1', { transforms: [(s: string) => (order.push('local'), s)] });
  t.deepEqual(order, ['local', 'compartment']);
  t.throws(() => c.evaluate('1', { transforms: [() => 1 as never] }), { message: /not a string.*PF_SOURCE_NOT_STRING/ });
  t.throws(() => c.evaluate('1', { bogus: true } as never), { instanceOf: TypeError, message: /PF_UNKNOWN_OPTION/ });
  t.throws(() => c.evaluate('1', { sloppyGlobalsMode: 'yes' } as never), { message: /PF_BAD_OPTION_VALUE/ });
  for (const flag of ['__evadeHtmlCommentTest__', '__evadeImportExpressionTest__', '__rejectSomeDirectEvalExpressions__']) {
    t.is(c.evaluate('"<!-- import(x) eval(y) -->"', { [flag]: true }), '<!-- import(x) eval(y) -->', flag);
  }
  t.throws(() => c.evaluate('x <!-- y', { __evadeHtmlCommentTest__: true }), { instanceOf: SyntaxError });
  t.is(c.evaluate('a + b', { __moduleShimLexicals__: { a: 1, b: 2 } }), 3);
  t.false('a' in c.globalThis);
});

test('evaluateExpr: one expression, endowments seen only by that evaluation', t => {
  const c = make({ a: 1 });
  t.is(c.evaluateExpr('a + 1'), 2);
  t.is(c.evaluateExpr('a + b', { b: 2 }), 3);
  t.is(c.evaluateExpr('a', { a: 10 }), 10, 'endowments shadow globals');
  t.false('b' in c.globalThis);
  t.throws(() => c.evaluateExpr('b'), { instanceOf: ReferenceError });
  t.throws(() => c.evaluateExpr('1; 2'), { instanceOf: SyntaxError });
  t.deepEqual(c.evaluateExpr('{ x: 1 }'), { x: 1 }, 'an object literal, not a block');
  t.is(c.evaluateExpr('f()', { f() { return this; } }), undefined, 'endowed functions are called with an undefined this');
  const scope = { n: 1 };
  t.is(c.evaluateExpr('n += 1', scope), 2);
  t.is(scope.n, 1, 'the caller object is copied, not written');
  t.is(c.evaluateExpr('typeof zz', { yy: 1 }), 'undefined');
});

test('free names: unbound reads throw, typeof gives undefined, writes throw unless sloppyGlobalsMode', t => {
  const c = make({ present: 1 });
  const e = t.throws(() => c.evaluate('missing'), { instanceOf: ReferenceError });
  t.is(e!.message, 'missing is not defined');
  t.is(c.evaluate('typeof missing'), 'undefined');
  t.throws(() => c.evaluate('missing = 1'), { instanceOf: ReferenceError });
  t.throws(() => c.evaluate('missing += 1'), { instanceOf: ReferenceError });
  t.throws(() => c.evaluate('missing++'), { instanceOf: ReferenceError });
  t.throws(() => c.evaluate('[missing] = [1]'), { instanceOf: ReferenceError });
  t.throws(() => c.evaluate('for (missing of [1]);'), { instanceOf: ReferenceError });
  t.false('missing' in c.globalThis);
  t.is(c.evaluate('missing = 2', { sloppyGlobalsMode: true }), 2);
  t.is(c.globalThis.missing, 2, 'sloppyGlobalsMode creates the global');
  t.is(c.evaluate('[other] = [3]; other', { sloppyGlobalsMode: true }), 3);
  t.throws(() => c.evaluate('absent', { sloppyGlobalsMode: true }), { instanceOf: ReferenceError }, 'reads still throw');
  t.is(c.evaluate('present = 5; present'), 5);
  t.throws(() => c.evaluate('undefined = 1'), { instanceOf: TypeError }, 'read-only globals throw as in strict code');
  c.globalThis.later = 7;
  t.is(c.evaluate('later'), 7, 'globals added by the host are seen');
  t.is(c.evaluate('globalThis.made = 8; made'), 8, 'globals added by the guest are seen');
});

test('free names never reveal whether the host has a global of that name', t => {
  const c = new Compartment();
  (globalThis as any).someHostOnlyName = 'secret';
  try {
    for (const name of ['process', 'require', 'module', 'someHostOnlyName', 'console', 'setTimeout', 'Buffer', 'global']) {
      const read = t.throws(() => c.evaluate(name), { instanceOf: ReferenceError });
      t.is(read!.message, `${name} is not defined`);
      t.is(c.evaluate(`typeof ${name}`), 'undefined');
      t.is(c.evaluate(`'${name}' in globalThis`), false);
      t.throws(() => c.evaluate(`${name} = 1`), { instanceOf: ReferenceError });
      t.throws(() => c.evaluate(`${name}()`), { instanceOf: ReferenceError });
    }
    t.is((globalThis as any).someHostOnlyName, 'secret', 'untouched');
  } finally {
    delete (globalThis as any).someHostOnlyName;
  }
});

test('errors come from the shared constructors and show no host stack', t => {
  const c = new Compartment();
  const errors = [
    t.throws(() => c.evaluate('nope')),
    t.throws(() => c.evaluate('(')),
    t.throws(() => c.evaluate('import("x")')),
    t.throws(() => c.evaluate('null.x')),
    t.throws(() => c.globalThis.Function('/*', '*/){')),
  ];
  for (const error of errors) {
    t.true(error instanceof Error);
    t.true([ReferenceError, SyntaxError, TypeError].includes(error!.constructor as never), error!.constructor.name);
    t.is(error!.stack, '', 'errorTaming safe blanks stacks');
  }
  t.is(c.evaluate('try { nope } catch (e) { e instanceof ReferenceError }'), true);
  t.is(c.evaluate('try { nope } catch (e) { e.constructor === ReferenceError }'), true);
});

test('compiled code is shared by compartments, state is not', t => {
  const c1 = make({ n: 1 });
  const c2 = make({ n: 2 });
  const source = 'n += 10; var local = n; [n, local]';
  t.deepEqual(c1.evaluate(source), [11, 11]);
  t.deepEqual(c2.evaluate(source), [12, 12]);
  t.deepEqual(c1.evaluate(source), [21, 21]);
  const f1 = c1.evaluate('(function f() {})');
  const f2 = c2.evaluate('(function f() {})');
  t.not(f1, f2);
});

test('the example of docs/compartment.md', t => {
  const c = new Compartment({ __options__: true, globals: { a: 3 }, name: 'plugin' });
  t.is(c.evaluate('1 + a'), 4);
  t.is(c.evaluateExpr('a * b', { b: 2 }), 6);
  t.true(c.globalThis.Array === Array);
  t.true(c.globalThis.eval !== globalThis.eval);
});
