// permafrost/legacy: makeSESRootRealm (seed SES 0.6 API). The seed's docs/api.md and test files'
// examples, SES.confine/confineExpr, each mode option allowed and denied, bad options, errors in
// one realm, the frozen global, and docs/legacy.md's example run as written.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Compartment, lockdown } from '../src/index.js';
import { makeSESRootRealm } from '../src/legacy/index.js';
import { findReachableProblems } from './_frozen-walk.js';

lockdown({ reporting: 'none' });

// Free names of the functions below that are stringified and evaluated in a realm.
declare const SES: any;
declare const consoleEndowment: any;
declare const b: number;
declare const power: (x: number) => number;

test('seed tests: evaluate, confine, nested realms, hidden host names', t => {
  const s = makeSESRootRealm();
  t.is(s.evaluate('1+a', { a: 3 }), 4);
  t.is(s.evaluate('1+1'), 2);
  const hidden = 1;
  t.is(hidden, 1);
  t.throws(() => s.evaluate('hidden+1'), { instanceOf: ReferenceError });
  t.is(s.evaluate(`const s2 = SES.makeSESRootRealm(); s2.evaluate('1+2')`), 3);
  t.is(s.evaluate(`SES.confine('1+2')`), 3);
  t.is(s.evaluate(`SES.confine('b+2', { b: 3 })`), 5);
  t.throws(() => s.evaluate(`SES.confine('b+2')`), { instanceOf: ReferenceError });
  t.is(s.evaluate(`SES.confineExpr('{ x: 1 }').x`), 1, 'an expression: braces make an object');
  t.is(s.evaluate(`SES.confineExpr('b // trailing comment', { b: 7 })`), 7);
  t.is(s.evaluate('SES.harden'), s.evaluate('harden'));
  t.false(Object.hasOwn(globalThis, 'SES'), 'the host has no SES');
});

test('seed test: SES.confine errors are the realm\'s own (here: the caller\'s)', t => {
  const s = makeSESRootRealm();
  function fail() {
    // @ts-expect-error -- an unbound name, on purpose
    missing; // eslint-disable-line @typescript-eslint/no-unused-expressions
  }
  function check(failStr: string) {
    try {
      SES.confine(failStr);
    } catch (e) {
      return e instanceof ReferenceError ? 'inner ReferenceError' : 'wrong exception type';
    }
    return 'did not throw';
  }
  t.is(s.evaluate(`${check}; check(failStr)`, { failStr: `${fail}; fail()` }), 'inner ReferenceError');
});

test('seed docs/api.md: evaluation, endowments and stringified functions', t => {
  const s = makeSESRootRealm();
  t.is(s.evaluate('let a = 3'), undefined, 'legal, but useless');
  t.throws(() => s.evaluate('a+1'), { instanceOf: ReferenceError });
  t.is(s.evaluate('let a = 3; a+1'), 4);
  t.is(s.evaluate('(function double(a) { return a+a; })')(1), 2);
  t.is(s.evaluate('(function(a) { return a+a; })')(1), 2);
  t.is(s.evaluate('a => a+a')(1), 2);
  function inner(a: number) {
    return a + a;
  }
  t.is(s.evaluate(`(${inner})`)(1), 2);
  function inner2(a: number) {
    return a + b;
  }
  t.is(s.evaluate(`(${inner2})`, { b: 2 })(1), 3);
  function makeAdder(n: number) {
    return (a: number) => a + n;
  }
  t.is(s.evaluate(`(${makeAdder})`)(4)(1), 5);
  // `this` at top level is the frozen global object, which does not hold the endowments.
  t.is(s.evaluate('this'), s.global);
  t.is(s.evaluate('typeof this.b', { b: 1 }), 'undefined');
  t.throws(() => s.evaluate('this.a = 3'), { instanceOf: TypeError });
});

test('seed docs/api.md: wrapping an endowment by evaluating trusted code (makeConsole)', t => {
  const s = makeSESRootRealm();
  const logged: unknown[][] = [];
  const hostConsole = { log: (...args: unknown[]) => logged.push(args) };
  function makeConsole() {
    return {
      log(...args: unknown[]) {
        consoleEndowment.log(...args);
      },
    };
  }
  const newConsole = s.evaluate(`(${makeConsole})`, { consoleEndowment: hostConsole });
  s.evaluate('console.log(4)', { console: newConsole() });
  t.deepEqual(logged, [[4]]);
  // The docs' "evil" endowment walk reaches only frozen, shared intrinsics here.
  function evil() {
    const outerObject = consoleEndowment.__proto__.__proto__.constructor;
    outerObject.__proto__.toString = () => 'haha';
  }
  t.throws(() => s.evaluate(`(${evil})`, { consoleEndowment: hostConsole })(), { instanceOf: TypeError });
  t.not((() => {}).toString(), 'haha');
});

test('seed test "main use case": attenuating a power with a realm function', t => {
  const s = makeSESRootRealm();
  function hostPower(a: number) {
    return a + 1;
  }
  function attenuate(arg: number) {
    if (arg <= 0) throw new TypeError('only positive numbers');
    return power(arg);
  }
  const attenuatedPower = s.evaluate(`(${attenuate})`, { power: hostPower });
  function use(arg: number) {
    return power(arg);
  }
  const user = s.evaluate(`(${use})`, { power: attenuatedPower });
  t.is(user(1), 2);
  t.throws(() => user(-1), { instanceOf: s.global.TypeError });
});

test('errors thrown inside are the caller\'s: same constructors, instanceof works', t => {
  const s = makeSESRootRealm();
  t.is(s.global.TypeError, TypeError);
  t.is(s.global.Error.prototype, Error.prototype);
  const cases: [string, ErrorConstructor][] = [
    ['null.x', TypeError],
    ['missing', ReferenceError],
    ['throw new RangeError("r")', RangeError],
    ['throw new Error("e")', Error],
    ['SES.confine("throw new URIError(\\"u\\")")', URIError],
  ];
  for (const [code, Ctor] of cases) {
    const error = t.throws(() => s.evaluate(code))!;
    t.true(error instanceof Ctor && error instanceof Error, code);
  }
  t.throws(() => s.evaluate('1 +'), { instanceOf: SyntaxError });
  const thrown = { not: 'an error' };
  t.is(t.throws(() => s.evaluate('throw x', { x: thrown }), { any: true }), thrown as any, 'the very value thrown');
  t.is(t.throws(() => s.evaluate('throw 7'), { any: true }), 7 as any);
});

test('the realm\'s global is frozen, and so is everything reachable from it (every mode allowed)', t => {
  const s = makeSESRootRealm({
    consoleMode: 'allow', errorStackMode: 'allow', mathRandomMode: 'allow', dateNowMode: 'allow', intlMode: 'allow', regexpMode: 'allow',
  });
  t.true(Object.isFrozen(s) && Object.isFrozen(s.global) && Object.isFrozen(s.global.SES));
  t.throws(() => s.evaluate('globalThis.leak = 1'), { instanceOf: TypeError });
  t.throws(() => s.evaluate('leak = 1'), { instanceOf: ReferenceError });
  t.is(s.evaluate('var v = 1; v'), 1);
  t.is(s.evaluate('typeof v'), 'undefined', 'declarations are local to one evaluation');
  const { problems } = findReachableProblems({ realm: s }, new Map(), { checkWhitelist: false, freeze: true });
  t.deepEqual(problems, []);
});

const probe = `[
  (() => { try { return typeof Math.random(); } catch (e) { return e.message; } })(),
  (() => { try { return typeof Date.now(); } catch (e) { return e.message; } })(),
  (() => { try { return typeof new Date().getTime(); } catch (e) { return e.message; } })(),
  typeof console,
  typeof Intl,
  typeof SES.getStackString,
  typeof RegExp.$1,
]`;

test('by default every mode is denied, as in other compartments', t => {
  const [random, now, newDate, console, intl, stack, statics] = makeSESRootRealm().evaluate(probe);
  t.regex(random, /PF_MATH_RANDOM_DISABLED/);
  t.regex(now, /PF_DATE_NOW_DISABLED/);
  t.regex(newDate, /PF_DATE_NOW_DISABLED/);
  t.deepEqual([console, intl, stack, statics], ['undefined', 'undefined', 'undefined', 'undefined']);
  t.deepEqual(makeSESRootRealm({ mathRandomMode: 'deny', consoleMode: 'deny' }).evaluate(probe), makeSESRootRealm().evaluate(probe));
});

test('each mode set to allow gives that power to that realm only', t => {
  const only = (mode: string) => makeSESRootRealm({ [mode]: 'allow' } as any);
  const other = new Compartment();

  const random = only('mathRandomMode');
  t.is(typeof random.evaluate('Math.random()'), 'number');
  t.not(random.global.Math, Math);
  t.true(Object.isFrozen(random.global.Math));
  t.is(Object.getPrototypeOf(random.global.Math), Object.prototype);
  t.is(random.evaluate('Math.max(1, 2)'), 2);
  t.throws(() => other.evaluate('Math.random()'), { message: /PF_MATH_RANDOM_DISABLED/ });

  const clock = only('dateNowMode');
  t.is(typeof clock.evaluate('Date.now()'), 'number');
  t.true(clock.evaluate('new Date() instanceof Date'));
  t.is(clock.evaluate('new Date(0).getHours()'), 0, 'still UTC');
  t.throws(() => other.evaluate('Date.now()'), { message: /PF_DATE_NOW_DISABLED/ });

  const intl = only('intlMode');
  t.is(intl.global.Intl, (globalThis as any).Intl);
  t.true(Object.isFrozen(intl.global.Intl) && Object.isFrozen(intl.global.Intl.NumberFormat.prototype));
  t.is(intl.evaluate('new Intl.NumberFormat("en-US").format(1234.5)'), '1,234.5');
  t.is(other.evaluate('typeof Intl'), 'undefined');

  const stacks = only('errorStackMode');
  t.regex(stacks.evaluate('SES.getStackString(new Error("x"))'), /\n\s+at /);
  t.is(stacks.evaluate('new Error("x").stack'), '', 'error.stack stays hidden');

  const regexp = only('regexpMode');
  t.is(regexp.evaluate('/(a)/.test("a"), typeof RegExp.$1'), 'undefined', 'legacy statics stay removed (docs/legacy.md)');

  const logs = only('consoleMode');
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: unknown) => written.push(String(chunk)) > 0) as any;
  try {
    logs.evaluate('console.log("from the realm", 1, { a: { get x() { throw new Error("getter ran"); } } })');
  } finally {
    process.stdout.write = write;
  }
  t.is(written.length, 1);
  t.regex(written[0]!, /^from the realm 1 /);
  t.false(written[0]!.includes('getter ran'), 'no guest getter runs');
  t.is(other.evaluate('typeof console'), 'undefined');
});

test('a realm made inside another allows only what its parent allows', t => {
  const parent = makeSESRootRealm({ mathRandomMode: 'allow' });
  t.is(parent.evaluate(`typeof SES.makeSESRootRealm({ mathRandomMode: 'allow' }).evaluate('Math.random()')`), 'number');
  const error = t.throws(() => parent.evaluate(`SES.makeSESRootRealm({ dateNowMode: 'allow' })`), { instanceOf: TypeError })!;
  t.regex(error.message, /^SES\.makeSESRootRealm\(\): option "dateNowMode": 'allow' is not granted .*\(PF_MODE_NOT_GRANTED\)$/);
  t.throws(() => parent.evaluate(`SES.makeSESRootRealm({ nope: 1 })`), { message: /PF_UNKNOWN_OPTION/ });
});

test('bad options: unknown names, bad values, accessors, non-objects', t => {
  for (const name of ['consoleMode', 'errorStackMode', 'mathRandomMode', 'dateNowMode', 'intlMode', 'regexpMode']) {
    const error = t.throws(() => makeSESRootRealm({ [name]: 'yes' } as any), { instanceOf: TypeError })!;
    t.is(error.message, `makeSESRootRealm(): option "${name}" must be one of "allow", "deny", got "yes" (PF_BAD_OPTION_VALUE)`);
    t.throws(() => makeSESRootRealm({ [name]: true } as any), { message: /got a value of kind boolean/ });
  }
  t.throws(() => makeSESRootRealm({ sloppyGlobals: true } as any), {
    message: /unknown option "sloppyGlobals"; accepted options are "consoleMode", .*"transforms" \(PF_UNKNOWN_OPTION\)/,
  });
  t.throws(() => makeSESRootRealm({ [Symbol('x')]: 1 } as any), { message: /unknown option of kind symbol/ });
  t.throws(() => makeSESRootRealm({ get consoleMode() { return 'allow'; } } as any), { message: /PF_BAD_OPTIONS/ });
  t.throws(() => makeSESRootRealm('allow' as any), { message: /options must be an object.*PF_BAD_OPTIONS/ });
  t.throws(() => makeSESRootRealm({ transforms: 'x' } as any), { message: /"transforms" must be an array/ });
  t.throws(() => makeSESRootRealm({ transforms: [1] } as any), { message: /"transforms\[0\]" must be a function/ });
  t.notThrows(() => makeSESRootRealm(undefined));
  const s = makeSESRootRealm();
  t.throws(() => s.evaluate(1 as any), { message: /realm\.evaluate\(\): code must be a string.*PF_SOURCE_NOT_STRING/ });
  t.throws(() => s.evaluate('1', 3 as any), { message: /endowments must be an object/ });
  t.throws(() => s.evaluate('SES.confineExpr(1)'), { message: /SES\.confineExpr\(\): code must be a string/ });
});

test('transforms apply to evaluate, SES.confine and SES.confineExpr', t => {
  const s = makeSESRootRealm({ transforms: [(source: string) => source.replace(/ANSWER/g, '42')] });
  t.is(s.evaluate('ANSWER'), 42);
  t.is(s.evaluate(`SES.confine('ANSWER + 1')`), 43);
  t.is(s.evaluate(`SES.confineExpr('ANSWER - 1')`), 41);
});

test('before lockdown, makeSESRootRealm refuses (PF_NOT_LOCKED_DOWN)', t => {
  const entry = fileURLToPath(new URL('../src/legacy/index.js', import.meta.url));
  const script = `import(${JSON.stringify(entry)}).then(({ makeSESRootRealm }) => {
    try { makeSESRootRealm(); console.log('made'); } catch (e) { console.log(e.message); }
  });`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  t.is(out.trim(), 'makeSESRootRealm(): call lockdown() first (PF_NOT_LOCKED_DOWN)');
});

test('docs/legacy.md: the example runs as written (through the package entry points)', t => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const doc = readFileSync(join(root, 'docs', 'legacy.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(doc)![1]!;
  const expected = /```text\n([\s\S]*?)```/.exec(doc)![1]!;
  const dir = mkdtempSync(join(root, 'build', 'legacy-doc-'));
  try {
    const file = join(dir, 'example.mjs');
    writeFileSync(file, code);
    t.is(execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
