// Attacks (red team) on the module system that held: reaching the loader's internals or the host
// from ES module, CommonJS and precompiled functor code, and smuggling what the analysis rejects
// past the rewrite into a generator body. Plus one semantic break without security impact (an
// export named "__proto__" cannot be compiled; it fails closed).
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const importNow = (modules: Record<string, unknown>, entry = 'main'): Record<string, unknown> =>
  new Compartment({ __options__: true, __noNamespaceBox__: true, modules } as never).importNow(entry) as Record<string, unknown>;

test('redteam-module-escape: top-level this and arguments do not reach the generator or its parameters', t => {
  const ns = importNow({
    main: new ModuleSource(`
      export const self = this;
      let args; try { args = arguments; } catch (e) { args = e.name; }
      const arrow = () => { try { return arguments; } catch (e) { return e.name; } };
      export const a = args, b = arrow(), c = typeof arguments;`),
  });
  t.is(ns.self, undefined);
  t.is(ns.a, 'ReferenceError');
  t.is(ns.b, 'ReferenceError');
  t.is(ns.c, 'undefined');
});

test('redteam-module-escape: import(), import.meta and HTML-like comments stay rejected in CommonJS and precompiled functors', t => {
  for (const text of ['import("x")', 'import.meta', 'x <!-- y', 'x\n--> y']) {
    t.throws(() => new CjsModuleSource(text), { instanceOf: SyntaxError }, text);
    t.throws(() => importNow({ main: { imports: [], exports: [], reexports: [], __syncModuleProgram__: `() => { ${text} }` } }), { instanceOf: SyntaxError }, text);
  }
  t.throws(() => new ModuleSource('let a = 1, b = 2; a <!--b\n'), { instanceOf: SyntaxError });
});

test('redteam-module-escape: CommonJS require, module and errors', t => {
  const ns = importNow({
    main: new CjsModuleSource(`
      let ctor; try { ctor = require.constructor('return globalThis')(); } catch (e) { ctor = e.name; }
      let missing; try { require('nope'); } catch (e) { missing = [e instanceof TypeError, e.stack]; }
      module.exports = {
        ctor, missing,
        frozen: [Object.isFrozen(require), Object.isFrozen(require.resolve)],
        render: Function.prototype.toString.call(require),
        self: this === module.exports,
        proto: Object.getPrototypeOf(module) === Object.prototype,
      };`),
  });
  const out = ns.default as Record<string, unknown>;
  t.is(out.ctor, 'TypeError');
  t.deepEqual(out.missing, [true, '']);
  t.deepEqual(out.frozen, [true, true]);
  t.is(out.render, 'function require() { [native code] }');
  t.true(out.self);
  t.true(out.proto);
});

test('redteam-module-escape: the namespace proxy keeps its handler and target to itself', t => {
  const ns = importNow({
    dep: new ModuleSource('export let x = 1; export function bump() { x += 1; }'),
    main: new ModuleSource(`
      import * as dep from 'dep';
      const tries = [];
      const attempt = f => { try { tries.push(f()); } catch (e) { tries.push(e.name); } };
      attempt(() => { dep.x = 2; });
      attempt(() => delete dep.x);
      attempt(() => Object.defineProperty(dep, 'y', { value: 1 }));
      attempt(() => Object.setPrototypeOf(dep, {}));
      attempt(() => Object.freeze(dep));
      attempt(() => Object.getPrototypeOf(dep));
      attempt(() => Reflect.ownKeys(dep).length);
      dep.bump();
      attempt(() => dep.x);
      export { tries };`),
  });
  t.deepEqual([...(ns.tries as unknown[])], ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', null, 3, 2]);
});

test('redteam-module-escape: a module cannot name the loader environment or the import bindings', t => {
  // Fresh names avoid every identifier and every substring of the source, escaped spellings too.
  for (const name of ['$pfM', '$pfL', '$pfG', '\\u0024pfM', '$pf1M']) {
    const ns = importNow({ main: new ModuleSource(`let r; try { r = typeof ${name}; } catch (e) { r = e.name; } export { r };`) });
    t.is(ns.r, 'undefined', name);
  }
});

test('redteam-module-escape: an export named "__proto__" compiles (semantic, fails closed)', t => {
  const ns = importNow({ main: new ModuleSource('const x = 1; export { x as "__proto__" };') });
  t.is(Object.getOwnPropertyDescriptor(ns, '__proto__')?.value, 1);
});
