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
