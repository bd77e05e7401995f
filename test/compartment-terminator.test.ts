// Defense in depth: the scope terminator. With the rewrite deliberately broken for one name (as a
// bug in the analysis would leave it), that name must resolve to the terminator, which throws a
// ReferenceError, and never to the host's global object, whatever the host has under that name.
import test from 'ava';
import { Compartment, lockdown } from '../src/index.js';
import { setRewriteFaultForTesting } from '../src/compartment/evaluator.js';
import { scopeTerminator } from '../src/compartment/scope-terminator.js';

lockdown({ reporting: 'none' });

const hostNames = ['process', 'globalThis', 'eval', 'Function', 'require', 'setTimeout', 'Compartment', 'hostOnlyName'];

const shapes = (name: string): string[] => [
  name,
  `typeof ${name}`,
  `${name}()`,
  `${name} = 1`,
  `${name} += 1`,
  `${name}++`,
  `[${name}] = [1]`,
  `({ ${name} })`,
  `(function () { return ${name}; })()`,
  `(() => ${name})()`,
  `class K { static f = ${name}; }`,
  `if (true) { 1; ${name}; }`,
];

test.serial('with the rewrite of a name disabled, every use of it meets the terminator', t => {
  (globalThis as any).hostOnlyName = { secret: true };
  const before = { ...(globalThis as any) };
  try {
    for (const name of hostNames) {
      setRewriteFaultForTesting(name);
      // The name is even a global of the compartment: only the rewrite connects code to it.
      const c = new Compartment({ __options__: true, globals: { [name]: 'compartment value' } });
      // `eval = 1` and the like are early errors in strict code.
      const valid = shapes(name).filter(source => name !== 'eval' || !/=|\+\+|\[eval\]/.test(source));
      for (const source of valid) {
        const error = t.throws(() => c.evaluate(source), { instanceOf: ReferenceError }, `${name}: ${source}`);
        t.is(error?.message, `${name} is not defined`);
      }
      t.is(c.globalThis[name], 'compartment value');
      t.throws(() => new Compartment().globalThis.Function(`return ${name}`)(), { instanceOf: ReferenceError });
      t.throws(() => c.evaluateExpr(name), { instanceOf: ReferenceError });
    }
  } finally {
    setRewriteFaultForTesting(undefined);
    delete (globalThis as any).hostOnlyName;
  }
  for (const key of Object.keys(before)) if (key !== 'hostOnlyName') t.is((globalThis as any)[key], before[key], key);
});

test.serial('with the rewrite working again, the same code sees the compartment global', t => {
  setRewriteFaultForTesting(undefined);
  const c = new Compartment({ __options__: true, globals: { hostOnlyName: 1 } });
  t.is(c.evaluate('hostOnlyName'), 1);
  t.is(c.evaluate('typeof process'), 'undefined');
});

test('the terminator claims every name, yields none, and is inert to every other operation', t => {
  const T = scopeTerminator as Record<PropertyKey, unknown>;
  t.true('anything' in T);
  t.true(Symbol.iterator in T);
  t.is(T[Symbol.unscopables], undefined, 'a with block asks for @@unscopables first');
  t.throws(() => T.process, { instanceOf: ReferenceError, message: 'process is not defined' });
  t.throws(() => T[Symbol.iterator], { instanceOf: ReferenceError });
  t.throws(() => {
    T.x = 1;
  }, { instanceOf: ReferenceError });
  t.throws(() => Object.defineProperty(T, 'x', { value: 1 }), { instanceOf: ReferenceError });
  t.throws(() => delete T.x, { instanceOf: TypeError });
  t.is(Object.getPrototypeOf(T), null);
  t.deepEqual(Reflect.ownKeys(T), []);
  t.is(Object.getOwnPropertyDescriptor(T, 'x'), undefined);
  t.false(Object.isExtensible(T));
  t.throws(() => Object.setPrototypeOf(T, {}), { instanceOf: TypeError });
});

test('`this` and `arguments` are lexical, not names: the rewrite gives them their meaning', t => {
  // Documented limit of the terminator: a `with` block cannot catch `this` or `arguments`. At top
  // level `this` is the compartment's global object by construction (the compiled function is
  // called with it), and `arguments` is a free name that the rewrite sends to the global object.
  const c = new Compartment({ __options__: true, globals: { arguments: 'global arguments' } });
  t.is(c.evaluate('this'), c.globalThis);
  t.is(c.evaluate('arguments'), 'global arguments');
  t.is(c.evaluate('(() => arguments)()'), 'global arguments');
  t.is(c.evaluate('(function () { return arguments.length; })(1, 2)'), 2);
});
