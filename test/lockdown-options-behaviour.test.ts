// Integration: what each lockdown option value does to a real realm. One fresh process per case,
// since lockdown runs once per realm. (Validation of names and values: options.test.ts; errors,
// console, trapping and domains: the tame-error/tame-console/tame-domain tests; overrideTaming:
// override-mistake-*.test.ts; regExpTaming: regexp-*.test.ts; localeTaming: date-timezone-leak.)
import test from 'ava';
import { childJson } from './_child.js';

const run = (options: string, probe: string): any =>
  childJson(`
    const { lockdown, harden } = await import('SRC/index.js');
    const { getIntrinsics } = await import('SRC/lockdown/lockdown.js');
    lockdown(${options});
    const I = getIntrinsics();
    const attempt = f => { try { return f(); } catch (e) { return 'threw ' + e.name + ': ' + e.message; } };
    console.log(JSON.stringify(${probe}));
  `);

test('evalTaming: safe-eval (default) and unsafe-eval keep host evaluation working', t => {
  for (const option of [`{}`, `{ evalTaming: 'unsafe-eval' }`]) {
    t.deepEqual(run(option, `[attempt(() => eval('1 + 1')), attempt(() => Function('return 2')())]`), [2, 2]);
  }
});

test('evalTaming: safe-eval gives the host strict evaluators over its own global, without the originals', t => {
  const r = run(
    `{}`,
    `[attempt(() => eval('typeof process')), attempt(() => Function('return this')()), eval === I['%InitialFunction%'],
      attempt(() => eval('import("node:fs")')), attempt(() => Function('a', 'return a + 1').constructor('1')),
      Object.isFrozen(eval) && Object.isFrozen(Function), Function.prototype === I['%FunctionPrototype%']]`,
  );
  t.is(r[0], 'object'); // host globals stay visible to host code
  t.is(r[1], null); // strict: `this` is undefined (JSON null)
  t.false(r[2]);
  t.regex(r[3], /PF_IMPORT_EXPRESSION_REJECTED/);
  t.regex(r[4], /PF_FUNCTION_CONSTRUCTOR_DISABLED/);
  t.true(r[5]);
  t.true(r[6]);
});

test('evalTaming: no-eval makes the host eval and Function throw', t => {
  const [e, f] = run(`{ evalTaming: 'no-eval' }`, `[attempt(() => eval('1 + 1')), attempt(() => Function('return 2')())]`);
  t.regex(e, /^threw TypeError: .*PF_EVAL_DISABLED/);
  t.regex(f, /^threw TypeError: .*PF_FUNCTION_CONSTRUCTOR_DISABLED/);
});

test('errorTaming: unsafe shows stack frames, safe hides them', t => {
  t.regex(run(`{ errorTaming: 'unsafe' }`, `new Error('x').stack`), /\n\s+at /);
  t.is(run(`{}`, `new Error('x').stack`), '');
});

test('legacyRegeneratorRuntimeTaming: unsafe-ignore silently ignores the regenerator-runtime assignment', t => {
  const probe = `(() => { const IP = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    const before = IP[Symbol.iterator];
    const r = attempt(() => { IP[Symbol.iterator] = function () { return this; }; return 'assigned'; });
    return [r, IP[Symbol.iterator] === before]; })()`;
  t.deepEqual(run(`{ legacyRegeneratorRuntimeTaming: 'unsafe-ignore' }`, probe), ['assigned', true]);
  const [safe, unchanged] = run(`{}`, probe);
  t.regex(safe, /^threw TypeError/);
  t.true(unchanged);
});

test('__hardenTaming__: unsafe makes harden a no-op marker, safe freezes', t => {
  t.deepEqual(run(`{ __hardenTaming__: 'unsafe' }`, `[Object.isFrozen(harden({ a: {} }).a)]`), [false]);
  t.deepEqual(run(`{}`, `[Object.isFrozen(harden({ a: {} }).a)]`), [true]);
});

test('reporting: none is silent, console reports removals through console.warn', t => {
  const planted = `Array.prototype.extra = 1;`;
  const capture = (options: string) =>
    childJson(`
      ${planted}
      const lines = []; const c = console;
      for (const m of ['warn', 'error', 'log', 'groupCollapsed']) { const o = c[m]; c[m] = (...a) => lines.push(m + ' ' + a.join(' ')); }
      const { lockdown } = await import('SRC/index.js');
      lockdown(${options});
      process.stdout.write(JSON.stringify(lines) + '\\n');
    `);
  t.deepEqual(capture(`{ reporting: 'none' }`), []);
  const lines: string[] = capture(`{ reporting: 'console' }`);
  t.true(lines.some(l => l.startsWith('warn ') && l.includes('%ArrayPrototype%.extra')), lines.join('\n'));
});

test('consoleTaming: unsafe leaves the host console in place, safe replaces it', t => {
  const probe = `globalThis.console === hostConsole`;
  const run2 = (options: string) =>
    childJson(`
      const hostConsole = console;
      const { lockdown } = await import('SRC/index.js');
      lockdown(${options});
      process.stdout.write(JSON.stringify(${probe}) + '\\n');
    `);
  t.true(run2(`{ consoleTaming: 'unsafe' }`));
  t.false(run2(`{}`));
});
