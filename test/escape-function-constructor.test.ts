// Attack: reach a code-evaluating constructor through `.constructor` of any function, generator,
// async function or async generator, and evaluate code outside any compartment's control.
import test from 'ava';
import { lockdown } from '../src/index.js';

lockdown();

const attempts: [string, () => unknown][] = [
  ['function', () => (function () {}).constructor],
  ['arrow', () => (() => {}).constructor],
  ['method', () => ({ m() {} }).m.constructor],
  ['class', () => class {}.constructor],
  ['bound', () => (function () {}).bind(null).constructor],
  ['builtin', () => Array.prototype.map.constructor],
  ['getter', () => Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!.constructor],
  ['generator', () => Object.getPrototypeOf(function* () {}).constructor],
  ['generator instance', () => (function* () {})().constructor.constructor],
  ['async', () => (async () => {}).constructor],
  ['async generator', () => (async function* () {}).constructor],
  ['constructor of constructor', () => (function () {}).constructor.constructor],
  ['ThrowTypeError', () => Object.getOwnPropertyDescriptor(Function.prototype, 'caller')!.get!.constructor],
];

for (const [label, reach] of attempts) {
  test(`escape-function-constructor: ${label} .constructor cannot evaluate code`, t => {
    const Ctor = reach() as (...args: string[]) => unknown;
    t.is(typeof Ctor, 'function');
    t.not(Ctor, globalThis.eval);
    const call = t.throws(() => Ctor('return globalThis'), { instanceOf: TypeError });
    t.regex(call!.message, /PF_FUNCTION_CONSTRUCTOR_DISABLED/);
    t.throws(() => Reflect.construct(Ctor, ['return globalThis']), { instanceOf: TypeError });
  });
}

test('escape-function-constructor: the inert constructors keep the prototype links code relies on', t => {
  const F = (function () {}).constructor;
  t.is(F.prototype, Function.prototype);
  t.true((function () {}) instanceof F);
  t.is(F.name, 'Function');
  const G = Object.getPrototypeOf(function* () {}).constructor;
  t.is(G.name, 'GeneratorFunction');
  t.is(Object.getPrototypeOf(G), F);
  t.true(Object.isFrozen(F) && Object.isFrozen(G));
});
