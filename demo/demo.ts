// `npm run demo`: locks down this realm, runs a real third-party package (acorn, the parser we ship
// with) confined in a Compartment with nothing but the CommonJS `module`/`exports` it needs, loads
// another (semver) as modules from node_modules, then runs a hostile plugin in another compartment
// and prints what was blocked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Compartment, harden, lockdown } from '../src/index.js';
import { makeNodeModuleHooks } from '../src/node/index.js';

const hostSecret = /token=(\w+)/.exec('token=hunter2')?.[1];
lockdown({ reporting: 'none' });
console.log(`lockdown(): ${Object.isFrozen(Object.prototype) ? 'every shared primordial is frozen' : 'NOT FROZEN'}`);

// 1. Real code, confined: acorn's CommonJS build, evaluated in a compartment that gets only
//    `module` and `exports` (no require, no process, no host globals).
const acornFile = createRequire(import.meta.url).resolve('acorn');
const module = { exports: {} as Record<string, unknown> };
const parserCompartment = new Compartment({ __options__: true, name: 'acorn', globals: { module, exports: module.exports } });
parserCompartment.evaluate(readFileSync(acornFile, 'utf8'));
const confinedAcorn = module.exports as { parse: (src: string, o: object) => { body: { type: string }[] } };
const ast = confinedAcorn.parse('const answer = 6 * 7;', { ecmaVersion: 'latest' });
console.log(`acorn (${Math.round(readFileSync(acornFile).length / 1024)} KB) ran inside a compartment: parsed a ${ast.body[0]!.type}`);

// 2. A real npm package as modules: semver's ~40 CommonJS files, loaded from node_modules through
//    permafrost/node's hooks (Node's resolution, confined to this directory, no built-ins granted).
const packages = new Compartment({
  __options__: true,
  name: 'semver',
  __noNamespaceBox__: true,
  ...makeNodeModuleHooks({ root: fileURLToPath(new URL('../..', import.meta.url)) }),
});
const semver = (await packages.import('semver')) as { satisfies: (v: string, r: string) => boolean; default: object };
console.log(`semver loaded as modules in a compartment: satisfies('1.2.3', '^1.0.0') = ${semver.satisfies('1.2.3', '^1.0.0')}`);

// 3. A hostile plugin, confined, with one hardened capability: a logger.
const log: string[] = [];
const plugin = new Compartment({ __options__: true, name: 'plugin', globals: { log: harden((s: string) => void log.push(String(s))) } });
const { attacks } = await import('./untrusted-plugin.js');
let blocked = 0;
for (const [name, source] of Object.entries(attacks)) {
  let outcome: string;
  try {
    const result = plugin.evaluate(source);
    outcome = result === 'blocked' ? 'blocked' : `NOT BLOCKED: got ${JSON.stringify(result)}`;
  } catch (error) {
    outcome = `blocked: ${(error as Error).message}`;
  }
  if (outcome.startsWith('blocked')) blocked += 1;
  console.log(`- ${name}: ${outcome}`);
}
console.log(`${blocked} of ${Object.keys(attacks).length} attacks blocked; the host secret ${hostSecret === 'hunter2' && ({} as Record<string, unknown>).isAdmin === undefined ? 'stayed private and the host is unpolluted' : '?'}.`);
console.log(`the plugin's only capability was used ${log.length} time(s): ${JSON.stringify(log)}`);
if (blocked !== Object.keys(attacks).length) process.exitCode = 1;
