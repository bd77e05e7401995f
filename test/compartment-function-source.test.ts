// Function.prototype.toString of guest functions: the evaluator rewrites free references, but a
// guest function must still render as the text its author wrote (as natively, and as in ses), so
// that stringifying a function and evaluating it elsewhere works. Also: a guest cannot forge the
// markers that make this possible, and real code (acorn) renders as its source, function by function.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Compartment, lockdown } from '../src/index.js';

lockdown({ reporting: 'none' });

const globals = { y: 1, X: 2, list: [1, 2] };
const make = (): Compartment => new Compartment({ __options__: true, globals });

// Each source's completion value is a function; it must render as the text between the markers.
const SHAPES: readonly string[] = [
  '(function f(a) { return a + y + typeof z + (y = 2); })',
  '(x => y)',
  '(x => y++)',
  '(async (a = y) => { await y; return X; })',
  '(function* g() { yield* list; y += 1; y ||= 3; y &&= 4; y ??= 5; })',
  '(class K extends Object { static s = y; #p = X; m() { return [Math.max(1, 2), y++, --y, this.#p]; } get [X]() { return y; } })',
  '(function () { [y, X] = [X, y]; ({ a: y } = { a: 1 }); for (y of list); for (X in {}); })',
  '(function () { return { y, X, list }; })',
  '(function () { try { undefinedName; } catch { return typeof undefinedName; } })',
  '(function (a) {\n  // a comment: y\n  return `${y}${a}` /* X */ + String.raw`y${X}`;\n})',
  '(() => y ? X : list)',
  '(function () { y\n++X })',
  '(function () { let y = 1; { const X = 2; return y + X + list[0]; } })',
  '(function () { return \\u0079 + X; })',
];

for (const shape of SHAPES) {
  test(`guest function renders as written: ${shape.slice(0, 60)}`, t => {
    const fn = make().evaluate(shape) as (...args: unknown[]) => unknown;
    t.is(typeof fn, 'function');
    t.is(Function.prototype.toString.call(fn), shape.slice(1, -1));
    t.is(`${fn}`, shape.slice(1, -1));
  });
}

test('guest methods, getters and nested functions render as written', t => {
  const o = make().evaluate(`({
    m(a) { return a + y; },
    get g() { return X; },
    set s(v) { y = v; },
    async *ag() { yield y; },
    [X + 1]() { return list; },
    nested() { return function inner() { return y + X; }; },
  })`) as Record<string, () => unknown>;
  t.is(`${o.m}`, 'm(a) { return a + y; }');
  t.is(`${Object.getOwnPropertyDescriptor(o, 'g')!.get}`, 'get g() { return X; }');
  t.is(`${Object.getOwnPropertyDescriptor(o, 's')!.set}`, 'set s(v) { y = v; }');
  t.is(`${o.ag}`, 'async *ag() { yield y; }');
  t.is(`${o[3]}`, '[X + 1]() { return list; }');
  t.is(`${o.nested!()}`, 'function inner() { return y + X; }');
});

test('functions made by a compartment Function constructor render as the native ones do', t => {
  const c = make();
  const made = c.evaluate("Function('a', 'b', 'return a + b + y')") as () => unknown;
  t.is(`${made}`, `${Function('a', 'b', 'return a + b + y')}`);
  t.is(`${c.globalThis.eval('(function () { return X; })')}`, 'function () { return X; }');
});

test('a guest function stringified in one compartment runs the same in another', t => {
  const fn = make().evaluate('(function sum(a) { return a + y + X + list.length; })');
  const again = make().evaluate(`(${fn})`) as (a: number) => number;
  t.is(again(1), 1 + 1 + 2 + 2);
  t.is(`${again}`, `${fn}`);
  // The seed's pattern: a guest function handed to makeRequire is stringified and re-evaluated.
  const c = make();
  const require = c.makeRequire({ plus: c.evaluate('(a => a + X)') });
  t.is((require('plus') as (a: number) => number)(1), 3);
});

test('forged-source-marker: a guest comment that imitates a marker renders as written', t => {
  // Guest code cannot know the realm's key, so a look-alike marker is just a comment: the function
  // must render exactly as written, with nothing hidden (a forged marker would hide the call).
  const shapes = [
    'function f(a) { /*pf0000000000000000000:x:16*/ a.steal = true; return a; }',
    'function f(a) { /*pf:x:14*/a.steal = true; }',
    'function f(a) { /**/ return a /*pfzzzzzzzzzzzzzzzzzzzz::0*/; }',
  ];
  for (const shape of shapes) {
    const fn = make().evaluate(`(${shape})`);
    t.is(`${fn}`, shape);
  }
});

test('host functions render as before lockdown', t => {
  const host = function host(a: number): number {
    return a + 1;
  };
  t.is(`${host}`, Function.prototype.toString.call(host));
  t.true(`${host}`.startsWith('function host(a)'));
  t.is(`${Math.max}`, 'function max() { [native code] }');
});

test('real code: every function acorn defines in a compartment renders as a slice of its source', t => {
  const file = createRequire(import.meta.url).resolve('acorn');
  const source = readFileSync(file, 'utf8');
  const module = { exports: {} as Record<string, unknown> };
  new Compartment({ __options__: true, globals: { module, exports: module.exports } }).evaluate(source);
  const seen = new Set<unknown>();
  const functions: ((...args: unknown[]) => unknown)[] = [];
  const visit = (value: unknown, depth: number): void => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || depth > 4) return;
    seen.add(value);
    if (typeof value === 'function') functions.push(value as (...args: unknown[]) => unknown);
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      for (const v of [desc.value, desc.get, desc.set]) visit(v, depth + 1);
    }
  };
  visit(module.exports, 0);
  let guestFunctions = 0;
  for (const fn of functions) {
    const text = Function.prototype.toString.call(fn);
    if (text.endsWith('{ [native code] }')) continue; // shared intrinsics reached by the walk
    guestFunctions += 1;
    if (!source.includes(text)) t.fail(`not a slice of acorn's source: ${text.slice(0, 200)}`);
  }
  t.true(guestFunctions > 200, `${guestFunctions} functions checked`);
});
