// The browser bundle: dist/permafrost.umd.min.js, loaded as a classic <script> would be (script
// code in a fresh realm, here a node:vm context with no module system), exposes `Permafrost` and
// installs `lockdown`; lockdown then freezes that realm's primordials.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

for (const file of ['permafrost.umd.js', 'permafrost.umd.min.js']) {
  test(`${file} works from a <script> tag in a fresh realm`, t => {
    const source = readFileSync(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)), 'utf8');
    const context = vm.createContext({});
    vm.runInContext(source, context, { filename: file });
    const result = vm.runInContext(
      `typeof Permafrost.lockdown === 'function' && lockdown === Permafrost.lockdown &&
       (lockdown({ consoleTaming: 'unsafe', errorTrapping: 'none', unhandledRejectionTrapping: 'none', reporting: 'none' }),
        [Object.isFrozen(Array.prototype), typeof harden, (() => { try { (function(){}).constructor('1'); return 'open'; } catch { return 'inert'; } })()].join())`,
      context,
    );
    t.is(result, 'true,function,inert');
  });
}

// The full <script> build carries acorn without its regular-expression validator
// (scripts/trim-acorn.mjs): an invalid regular expression passes the parse, and the engine rejects
// the code when the compartment compiles it, before any of it runs. Still a SyntaxError with the
// same code; only the message is less precise than acorn's.
for (const file of ['permafrost.umd.js', 'permafrost.umd.min.js']) {
  test(`${file}: code with an invalid regular expression never runs`, t => {
    const source = readFileSync(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)), 'utf8');
    const context = vm.createContext({ ran: [] });
    vm.runInContext(source, context, { filename: file });
    const result = vm.runInContext(
      `lockdown({ consoleTaming: 'unsafe', errorTrapping: 'none', unhandledRejectionTrapping: 'none', reporting: 'none' });
       const c = new Compartment({ __options__: true, globals: { ran } });
       ['ran.push(1); /(/', 'ran.push(2); /a/gg', 'ran.push(3); (function () { return /+/; })', 'ran.push(4); /\\\\p{Foo}/u']
         .map(src => { try { c.evaluate(src); return 'ran'; } catch (e) { return e instanceof SyntaxError && /PF_SYNTAX_ERROR/.test(e.message); } })
         .join() + ' ' + ran.length`,
      context,
    );
    t.is(result, 'true,true,true,true 0');
  });
}
